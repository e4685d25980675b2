// Accounts (AUTH=accounts) through better-auth: password hashing, sessions in
// the database (Prisma adapter), banned (disabled) users refused at sign-in.
// Roles are better-auth's admin-plugin `role` field; what each role may do is
// lib/security/routes.ts.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin } from "better-auth/plugins";
import { getDb, providerOfDb } from "../db/client";
import { authSecret } from "./secret";

function createAuth(secure: boolean) {
  const db = getDb();
  return betterAuth({
    database: prismaAdapter(db, { provider: providerOfDb(db) }),
    secret: authSecret(),
    // Cookies are set for the address the request came to; nothing is redirected.
    baseURL: secure ? "https://localhost" : "http://localhost",
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // Requests are counted by lib/security/rate-limit.ts, before they get here.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: "dwibahasa",
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
    },
    plugins: [admin({ defaultRole: "reader", adminRoles: ["admin"] })],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per database (tests point the app at a fresh one) and cookie kind (Secure under https).
const instances = new WeakMap<object, Map<boolean, Auth>>();

export function getAuth(secure = false): Auth {
  const db = getDb();
  let forDb = instances.get(db);
  if (!forDb) instances.set(db, (forDb = new Map()));
  let auth = forDb.get(secure);
  if (!auth) forDb.set(secure, (auth = createAuth(secure)));
  return auth;
}

/** Whether the browser reached the server over https (directly or through a proxy). */
export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}
