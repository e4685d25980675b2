import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireLocale } from "@/lib/i18n/locale";
import { AddArticleForm } from "../../../_components/add-article-form";
import { ClientMessages } from "../../../_components/client-messages";

export default async function NewArticlePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const t = await getTranslations("addArticle");
  return (
    <div className="page narrow">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <ClientMessages part="addArticle">
        <AddArticleForm />
      </ClientMessages>
    </div>
  );
}
