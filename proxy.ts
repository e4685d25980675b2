import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { routing } from "./lib/i18n/routing";
import { refuseRequest } from "./lib/security/gate";

// Chooses the interface language (URL prefix, remembered cookie, Accept-Language).
const chooseLocale = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const refused = refuseRequest(request);
  if (refused) return refused;
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/") || path.startsWith("/_next/") || /\.[^/]+$/.test(path))
    return NextResponse.next();
  return chooseLocale(request);
}

export const config = {
  // Everything but the build's static files: the Host check covers pages and the API.
  matcher: "/((?!_next/static|_next/image).*)",
};
