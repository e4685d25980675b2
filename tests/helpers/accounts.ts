// Accounts mode in API tests: users signed in through the real POST /api/session.
import { POST as signInRoute } from "@/app/api/session/route";
import { addUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/security/routes";

export const PASSWORD = "correct horse battery";
const SECRET = "test-secret-of-at-least-thirty-two-characters";
/** The header scripts/serve.mjs writes each connection's address into. */
const PEER_HEADER = "x-dwibahasa-peer";

/**
 * Turns accounts on for the route handlers under test, with client addresses
 * told as scripts/serve.mjs tells them; returns what turns them off.
 */
export function useAccounts(): () => void {
  process.env.AUTH = "accounts";
  process.env.AUTH_SECRET = SECRET;
  process.env.DWIBAHASA_PEER_HEADER = PEER_HEADER;
  return () => {
    delete process.env.AUTH;
    delete process.env.AUTH_SECRET;
    delete process.env.DWIBAHASA_PEER_HEADER;
  };
}

/** A JSON request to the API, with a session cookie when given. */
export function apiRequest(method: string, p: string, cookie?: string, body?: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  return new Request(`http://localhost${p}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Signs in through POST /api/session from the address `ip`. */
export function signIn(email: string, password = PASSWORD, ip = "203.0.113.1"): Promise<Response> {
  const req = apiRequest("POST", "/api/session", undefined, { email, password });
  req.headers.set(PEER_HEADER, ip);
  return signInRoute(req, undefined);
}

/** The Cookie header that carries the session a response set. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Adds a user and signs them in; returns their id and session cookie. */
export async function signedInUser(
  db: Db,
  email: string,
  role: Role,
  name: string,
): Promise<{ id: string; cookie: string }> {
  const { id } = await addUser(db, { email, name, password: PASSWORD, role });
  const response = await signIn(email);
  if (response.status !== 200) throw new Error(`${email} could not sign in: ${response.status}`);
  return { id, cookie: cookieOf(response) };
}
