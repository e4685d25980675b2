// Accounts mode: every API route, with every role, against the route table.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as addUserRoute } from "@/app/api/users/route";
import { PATCH as changeUserRoute } from "@/app/api/users/[id]/route";
import { DELETE as signOutRoute, GET as sessionRoute } from "@/app/api/session/route";
import { addUser } from "@/lib/auth/users";
import { API_ROUTES, type Access, ROLES, roleAllows } from "@/lib/security/routes";
import {
  apiRequest as request,
  cookieOf,
  PASSWORD,
  signIn,
  signedInUser,
  useAccounts,
} from "../helpers/accounts";
import { routeFiles } from "../helpers/routes";
import { freshDb } from "../helpers/db";

type Handler = (request: Request, context: unknown) => Promise<Response>;
const cookies: Record<string, string> = {};
let db: ReturnType<typeof freshDb>["db"];
let stopAccounts: () => void;

beforeAll(async () => {
  stopAccounts = useAccounts();
  db = freshDb().db;
  for (const role of ROLES)
    cookies[role] = (await signedInUser(db, `${role}@example.org`, role, `The ${role}`)).cookie;
});

afterAll(() => stopAccounts());

/** What a role should get from a route: 401 anonymous, 403 without the right, else the route's own answer. */
function expected(
  who: "anonymous" | (typeof ROLES)[number],
  access: Access,
): "401" | "403" | "allowed" {
  if (access === "public") return "allowed";
  if (who === "anonymous") return "401";
  return roleAllows(who, access) ? "allowed" : "403";
}

describe("the role matrix", () => {
  it("walks every route file with every role and gets what the route table says", async () => {
    const rows = routeFiles()
      .map((r) => {
        const [method, route] = r.split(" ") as [string, string];
        const rule = API_ROUTES.find((x) => x.method === method && x.path === route && !x.query)!;
        return { method, route, access: rule.access };
      })
      // Signing out last, so that each role's session lasts the whole walk.
      .sort(
        (a, b) =>
          Number(a.route === "/api/session" && a.method === "DELETE") -
          Number(b.route === "/api/session" && b.method === "DELETE"),
      );
    let checked = 0;
    for (const who of ["anonymous", ...ROLES] as const) {
      for (const { method, route, access } of rows) {
        const routeModule = (await import(path.resolve(`app${route}/route.ts`))) as Record<
          string,
          Handler
        >;
        const concrete = route.replace("[slug]", "no-such-article").replace("[id]", "999999");
        const params = Promise.resolve({ slug: "no-such-article", id: "999999" });
        const body = method === "GET" || method === "DELETE" ? undefined : {};
        const response = await routeModule[method]!(
          request(method, concrete, who === "anonymous" ? undefined : cookies[who], body),
          { params },
        );
        await response.body?.cancel();
        const want = expected(who, access);
        const label = `${who} ${method} ${route}: ${response.status}`;
        if (want === "allowed") expect([401, 403], label).not.toContain(response.status);
        else expect(String(response.status), label).toBe(want);
        checked++;
      }
    }
    expect(checked).toBe(rows.length * 4);
    // The walk signed every role out (DELETE /api/session): sign in again.
    for (const role of ROLES) cookies[role] = cookieOf(await signIn(`${role}@example.org`));
    // Editors may retranslate, readers only start a first translation (a query-string row).
    const translate = (await import(
      path.resolve("app/api/articles/[slug]/translate/route.ts")
    )) as Record<string, Handler>;
    const again = (who: string) =>
      translate.POST!(request("POST", "/api/articles/x/translate?retranslate=1", cookies[who]), {
        params: Promise.resolve({ slug: "x" }),
      });
    expect((await again("reader")).status).toBe(403);
    expect((await again("editor")).status).toBe(404);
  });
});

describe("sessions", () => {
  it("says who is signed in, and signing out ends the session", async () => {
    const signedIn = await signIn("editor@example.org");
    const cookie = cookieOf(signedIn);
    expect(signedIn.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    expect(signedIn.headers.getSetCookie().join()).toMatch(/SameSite=Lax/i);
    const me = await sessionRoute(request("GET", "/api/session", cookie), undefined);
    expect(await me.json()).toMatchObject({
      mode: "accounts",
      user: { email: "editor@example.org", role: "editor", name: "The editor" },
    });
    expect((await signOutRoute(request("DELETE", "/api/session", cookie), undefined)).status).toBe(
      204,
    );
    const after = await sessionRoute(request("GET", "/api/session", cookie), undefined);
    expect(await after.json()).toMatchObject({ user: null });
  });

  it("refuses a wrong password with 401, and repeated failures with 429 and Retry-After", async () => {
    await addUser(db, {
      email: "target@example.org",
      name: "",
      password: PASSWORD,
      role: "reader",
    });
    const wrong = await signIn("target@example.org", "guess", "203.0.113.50");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "signInFailed" });
    for (let i = 0; i < 9; i++)
      await signIn("target@example.org", `guess ${i}`, `203.0.113.${60 + i}`);
    // Counted per account too: another address, even with the right password, must wait.
    const limited = await signIn("target@example.org", PASSWORD, "203.0.113.99");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: "rateLimited" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("an administrator adds users, changes roles and disables accounts; a disabled user cannot sign in", async () => {
    const admin = cookies.admin!;
    const added = await addUserRoute(
      request("POST", "/api/users", admin, {
        email: "new@example.org",
        password: PASSWORD,
        role: "reader",
      }),
      undefined,
    );
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    const again = await addUserRoute(
      request("POST", "/api/users", admin, { email: "new@example.org", password: PASSWORD }),
      undefined,
    );
    expect(again.status).toBe(409);
    const session = cookieOf(await signIn("new@example.org"));
    const change = (body: unknown) =>
      changeUserRoute(request("PATCH", `/api/users/${id}`, admin, body), {
        params: Promise.resolve({ id }),
      });
    expect(await (await change({ role: "editor" })).json()).toMatchObject({
      role: "editor",
      disabled: false,
    });
    expect((await change({ role: "owner" })).status).toBe(422);
    expect(await (await change({ disabled: true })).json()).toMatchObject({ disabled: true });
    const me = await sessionRoute(request("GET", "/api/session", session), undefined);
    expect(await me.json()).toMatchObject({ user: null });
    expect((await signIn("new@example.org")).status).toBe(401);
    // An editor may not manage users.
    const byEditor = await addUserRoute(
      request("POST", "/api/users", cookies.editor, { email: "x@example.org", password: PASSWORD }),
      undefined,
    );
    expect(byEditor.status).toBe(403);
  });
});
