import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { routing } from "./lib/i18n/routing";
import { refuseRequest } from "./lib/security/gate";
import {
  contentSecurityPolicy,
  newNonce,
  renderNonceHeader,
  SECURITY_HEADERS,
} from "./lib/security/headers";

// Chooses the interface language (URL prefix, remembered cookie, Accept-Language).
const chooseLocale = createMiddleware(routing);

export default async function proxy(request: NextRequest) {
  return withSecurityHeaders(await route(request));
}

async function route(request: NextRequest): Promise<NextResponse> {
  const refused = await refuseRequest(request);
  if (refused) return refused;
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/") || path.startsWith("/_next/") || /\.[^/]+$/.test(path))
    return NextResponse.next();
  // A page: its scripts run only with this request's nonce. Next.js reads the
  // policy from the request to put the nonce on its own scripts; the layout
  // reads x-nonce for the app's one inline script.
  // Under scripts/serve.mjs the page is rendered with the server's placeholder,
  // and each response gets a fresh nonce in its place (lib/cache/response-cache.ts).
  const fromServer = renderNonceHeader();
  const nonce = (fromServer && request.headers.get(fromServer)) || newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  request.headers.set("x-nonce", nonce);
  request.headers.set("content-security-policy", policy);
  // The layout sends an anonymous reader to the sign-in page, except on it (accounts mode).
  request.headers.set("x-pathname", path);
  const response = chooseLocale(request);
  response.headers.set("content-security-policy", policy);
  return response;
}

function withSecurityHeaders(response: NextResponse): NextResponse {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's static files: the Host check covers pages and the API.
  matcher: "/((?!_next/static|_next/image).*)",
};
