import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import type { Role } from "@/lib/security/routes";
import { AccountMenu } from "./account-menu";
import { Fold } from "./fold";
import { LocaleSwitch } from "./locale-switch";
import { ReadingSettings } from "./reading-settings";

/** `account`: who is signed in (accounts mode), null for the one local user. */
export function SiteHeader({ account }: { account: { name: string; role: Role } | null }) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {t("app.name")}
      </Link>
      <form
        action={`/${locale}/search`}
        method="get"
        role="search"
        aria-label={t("nav.search")}
        className="header-search"
      >
        <input
          type="search"
          name="q"
          aria-label={t("search.quick")}
          placeholder={`${t("nav.search")}…`}
          maxLength={200}
          required
        />
      </form>
      {/* On a phone: the brand, search and one menu button; the rest opens from the menu. */}
      <Fold label={t("nav.menu")} className="header-menu">
        <nav aria-label={t("nav.main")} className="site-nav">
          <Link href="/">{t("nav.library")}</Link>
          <Link href="/glossary">{t("nav.glossary")}</Link>
          <Link href="/words">{t("nav.words")}</Link>
          <Link href="/feeds">{t("nav.feeds")}</Link>
          <Link href="/models">{t("nav.models")}</Link>
          <Link href="/articles/new">{t("nav.addArticle")}</Link>
        </nav>
        <ReadingSettings />
        <LocaleSwitch />
        {account && <AccountMenu name={account.name} role={account.role} />}
      </Fold>
    </header>
  );
}
