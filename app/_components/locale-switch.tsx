"use client";

import { useLocale, useTranslations } from "next-intl";
import { useParams } from "next/navigation";
import { usePathname, useRouter } from "@/lib/i18n/navigation";
import { routing, type Locale } from "@/lib/i18n/routing";

const NAMES: Record<Locale, string> = { en: "English", id: "Bahasa Indonesia" };

/** Changes the interface language and stays on the same page. */
export function LocaleSwitch() {
  const t = useTranslations("nav");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const params = useParams();
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t("language")}</span>
      <select
        value={locale}
        onChange={(event) => {
          const next = event.target.value as Locale;
          // @ts-expect-error -- pathname and params come from the current route, so they match.
          router.replace({ pathname, params }, { locale: next });
        }}
      >
        {routing.locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
