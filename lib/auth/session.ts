// Who is asking, and whether the route table lets them.
import { DomainError, ForbiddenError } from "../errors";
import { authMode } from "../security/exposure";
import { findRoute, type Role, ROLES, roleAllows } from "../security/routes";
import { getAuth, isSecureRequest } from "./server";

export interface Author {
  id: string;
  name: string;
}

export interface SignedIn extends Author {
  email: string;
  role: Role;
}

/** Without accounts, one person uses the app: changes are theirs. */
export const LOCAL_USER: SignedIn = { id: "local", name: "local", email: "", role: "admin" };

export class UnauthorizedError extends DomainError {
  constructor() {
    super("Sign in first (POST /api/session with email and password).", 401, "signInRequired");
  }
}

function asRole(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : "reader";
}

/** The signed-in user of a request: the local user without accounts, null when nobody is signed in. */
export async function currentUser(
  request: Request | { headers: Headers },
): Promise<SignedIn | null> {
  if (authMode() !== "accounts") return LOCAL_USER;
  const secure = request instanceof Request && isSecureRequest(request);
  const session = await getAuth(secure).api.getSession({ headers: request.headers });
  if (!session || session.user.banned) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: asRole(role) };
}

/**
 * Checks a request to the API against the route table: 401 without a session,
 * 403 for a role without the right. Returns who is asking.
 */
export async function authorize(request: Request): Promise<SignedIn | null> {
  const route = findRoute(request.method, new URL(request.url));
  if (authMode() !== "accounts") return LOCAL_USER;
  const user = await currentUser(request);
  if (!route || route.access === "public") return user;
  if (!user) throw new UnauthorizedError();
  if (!roleAllows(user.role, route.access))
    throw new ForbiddenError(
      `This needs the ${route.access} role; you are signed in as ${user.role}.`,
      "roleForbidden",
      { role: route.access },
    );
  return user;
}

/** The author a change records: null for the local user (no account to point at). */
export function authorIdOf(user: SignedIn | null): string | null {
  return user && user.id !== LOCAL_USER.id ? user.id : null;
}
