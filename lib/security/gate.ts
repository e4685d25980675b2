// What proxy.ts checks before any route or page runs: the Host a loopback
// server answers to, the same-origin rule for writes, and the rate limits of
// the route table.
import { NextResponse } from "next/server";
import { type DomainError, ForbiddenError, TooManyRequestsError } from "../errors";
import { hostAllowed } from "./exposure";
import { clientKey, consume } from "./rate-limit";
import { findRoute } from "./routes";
import { refuseWrite } from "./writes";

/** The refusal for a request that must not reach the app, or null. */
export async function refuseRequest(request: Request): Promise<NextResponse | null> {
  const host = request.headers.get("host");
  if (!hostAllowed(host)) {
    return refusal(
      new ForbiddenError(
        `This server answers only to localhost or 127.0.0.1, not to ${host ?? "a request without a Host"}.`,
        "hostRefused",
      ),
    );
  }
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/api/")) return null;
  const route = findRoute(request.method, url);
  const refused = refuseWrite(request, route?.upload === true);
  if (refused) return refusal(refused);
  if (route?.limit) {
    const limited = await consume(route.limit, clientKey(request));
    if (limited) return refusal(limited);
  }
  return null;
}

// Built here rather than by lib/http.ts, which brings the session code (and the database) with it.
function refusal(error: DomainError): NextResponse {
  const response = NextResponse.json(error.toBody(), { status: error.status });
  if (error instanceof TooManyRequestsError)
    response.headers.set("Retry-After", String(error.retryAfter));
  return response;
}
