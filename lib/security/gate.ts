// What proxy.ts checks before any route or page runs: the Host a loopback
// server answers to, and the same-origin rule for writes.
import { NextResponse } from "next/server";
import { ForbiddenError } from "../errors";
import { hostAllowed } from "./exposure";
import { refuseWrite } from "./writes";

/** The refusal for a request that must not reach the app, or null. */
export function refuseRequest(request: Request): NextResponse | null {
  const host = request.headers.get("host");
  if (!hostAllowed(host)) {
    return refusal(
      new ForbiddenError(
        `This server answers only to localhost or 127.0.0.1, not to ${host ?? "a request without a Host"}.`,
        "hostRefused",
      ),
    );
  }
  if (new URL(request.url).pathname.startsWith("/api/")) {
    const refused = refuseWrite(request);
    if (refused) return refusal(refused);
  }
  return null;
}

function refusal(error: ForbiddenError): NextResponse {
  return NextResponse.json(error.toBody(), { status: error.status });
}
