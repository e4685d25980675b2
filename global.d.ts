// Types for next-intl: message keys and their arguments are checked against the
// English messages (the Indonesian file has the same keys: tests/unit/messages.test.ts),
// and locales against the routing.
import type { routing } from "@/lib/i18n/routing";
import type messages from "./messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
