import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { LocaleSwitch } from "./locale-switch";
import { ReadingSettings } from "./reading-settings";

export function SiteHeader() {
  const t = useTranslations();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {t("app.name")}
      </Link>
      <nav aria-label={t("nav.main")} className="site-nav">
        <Link href="/">{t("nav.library")}</Link>
        <Link href="/glossary">{t("nav.glossary")}</Link>
        <Link href="/search">{t("nav.search")}</Link>
        <Link href="/articles/new">{t("nav.addArticle")}</Link>
      </nav>
      <ReadingSettings />
      <LocaleSwitch />
    </header>
  );
}
