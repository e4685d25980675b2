import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

// Chooses the interface language (URL prefix, remembered cookie, Accept-Language).
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
