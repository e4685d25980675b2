// Signing in and out for the pages and for API clients (POST/DELETE /api/session).
import { APIError } from "better-auth/api";
import { z } from "zod";
import { DomainError } from "../errors";
import { clientKey, countFailure, refuseWhenBlocked } from "../security/rate-limit";
import { getAuth, isSecureRequest } from "./server";

export const signInInputSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1000),
});

class SignInFailedError extends DomainError {
  constructor() {
    super("The email or password is wrong.", 401, "signInFailed");
  }
}

/**
 * Checks the password and answers with the session cookie. Failures are counted
 * per address and per account; past the limit the answer is 429, even for the
 * right password, until the window has passed.
 */
export async function signIn(
  request: Request,
  { email, password }: z.infer<typeof signInInputSchema>,
): Promise<Response> {
  const keys = [clientKey(request), `account:${email}`];
  const blocked = await refuseWhenBlocked("signIn", keys);
  if (blocked) throw blocked;
  try {
    const response = await getAuth(isSecureRequest(request)).api.signInEmail({
      body: { email, password },
      headers: request.headers,
      asResponse: true,
    });
    if (response.ok) return response;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
  }
  await countFailure("signIn", keys);
  throw new SignInFailedError();
}

/** Ends the request's session (its cookie is cleared); nothing to do without one. */
export async function signOut(request: Request): Promise<Response> {
  try {
    return await getAuth(isSecureRequest(request)).api.signOut({
      headers: request.headers,
      asResponse: true,
    });
  } catch (error) {
    if (error instanceof APIError) return new Response(null, { status: 204 });
    throw error;
  }
}

/** The cookies an auth response sets, copied onto another response. */
export function copyCookies(from: Response, to: Response): Response {
  for (const cookie of from.headers.getSetCookie()) to.headers.append("set-cookie", cookie);
  return to;
}
