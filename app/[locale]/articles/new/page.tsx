import { getTranslations, setRequestLocale } from "next-intl/server";
import { IMPORT_FILE_TYPES } from "@/lib/extraction/import";
import { requireLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { AddArticleForm } from "../../../_components/add-article-form";
import { ClientMessages } from "../../../_components/client-messages";
import { ImportArticleForm } from "../../../_components/import-article-form";

const TABS = ["paste", "link", "file"] as const;
type Tab = (typeof TABS)[number];

/** Add an article three ways: pasted text, a link to a news page, or a file. */
export default async function NewArticlePage({
  params,
  searchParams,
}: PageProps<"/[locale]/articles/new">) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const requested = (await searchParams).tab;
  const tab: Tab = TABS.find((name) => name === requested) ?? "paste";
  const t = await getTranslations("addArticle");
  return (
    <div className="page narrow">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <nav className="tabs" aria-label={t("tabsLabel")}>
        {TABS.map((name) => (
          <Link
            key={name}
            href={{ pathname: "/articles/new", query: name === "paste" ? {} : { tab: name } }}
            aria-current={tab === name ? "page" : undefined}
          >
            {t(`tabs.${name}`)}
          </Link>
        ))}
      </nav>
      <ClientMessages part="addArticle">
        {tab === "paste" && <AddArticleForm />}
        {tab === "link" && <ImportArticleForm from="link" />}
        {tab === "file" && <ImportArticleForm from="file" types={[...IMPORT_FILE_TYPES]} />}
      </ClientMessages>
    </div>
  );
}
