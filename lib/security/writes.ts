// The rule for state-changing requests to the API: they come from the app's own
// pages (or from a program, which sends neither Origin nor Sec-Fetch-Site) and
// carry JSON, or a form where a file is uploaded. A page on another site can
// send "simple" cross-site requests (text/plain, url-encoded forms) that the
// browser does not preflight; this rule is what stops them.
import { ForbiddenError } from "../errors";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isWrite(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

/**
 * Why a write must be refused, or null when it may go on to its route.
 * `upload`: the route takes a file as multipart/form-data (the route table says which).
 */
export function refuseWrite(request: Request, upload = false): ForbiddenError | null {
  if (!isWrite(request.method)) return null;
  const headers = request.headers;
  const site = headers.get("sec-fetch-site");
  // "none" is the user's own action (typed address, bookmark); only other sites are refused.
  if (site !== null && site !== "same-origin" && site !== "none")
    return crossSite(`Sec-Fetch-Site is ${site}.`);
  const origin = headers.get("origin");
  if (origin !== null && !sameOrigin(origin, request)) return crossSite(`Origin is ${origin}.`);

  if (hasBody(headers)) {
    const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const allowed = type === "application/json" || (type === "multipart/form-data" && upload);
    if (!allowed)
      return new ForbiddenError(
        `A change must be sent as application/json${upload ? " or multipart/form-data" : ""}, not ${type || "without a content type"}.`,
        "contentTypeRefused",
        { type: type || "none" },
      );
  }
  return null;
}

function crossSite(detail: string): ForbiddenError {
  return new ForbiddenError(
    `Changes are accepted only from this server's own pages. ${detail}`,
    "crossSiteRefused",
  );
}

/** The Origin's host against the host the request was sent to (what the browser's address bar shows). */
function sameOrigin(origin: string, request: Request): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything unparsable
  }
  const host = (
    request.headers.get("x-forwarded-host") ??
    request.headers.get("host") ??
    new URL(request.url).host
  )
    .split(",")[0]!
    .trim()
    .toLowerCase();
  return originHost === host;
}

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
}
