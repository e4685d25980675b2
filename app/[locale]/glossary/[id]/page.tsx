import { notFound } from "next/navigation";
import { requireLocale } from "@/lib/i18n/locale";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getEntry } from "@/lib/glossary/list";
import { occurrences } from "@/lib/glossary/usage";
import { Link } from "@/lib/i18n/navigation";
import { ClientMessages } from "../../../_components/client-messages";
import { GlossaryEntryForm } from "../../../_components/glossary-entry-form";
import { Marked } from "../../../_components/marked";

export const dynamic = "force-dynamic";

export default async function GlossaryEntryPage({ params }: PageProps<"/[locale]/glossary/[id]">) {
  const { locale, id: rawId } = await params;
  setRequestLocale(requireLocale(locale));
  const id = Number(rawId);
  const db = getDb();
  let entry;
  try {
    if (!Number.isSafeInteger(id)) notFound();
    entry = await getEntry(db, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [rows, t, format] = await Promise.all([
    occurrences(db, id),
    getTranslations("glossary"),
    getFormatter(),
  ]);
  return (
    <div className="page narrow">
      <p>
        <Link href="/glossary">← {t("back")}</Link>
      </p>
      <p className="label">{t("entryTitle")}</p>
      <h1>
        <span lang="id">{entry.term}</span> = <span lang="en">{entry.translation}</span>
      </h1>
      <p className="muted">
        {t(`categories.${entry.category}`)} · {t("columns.articles")}:{" "}
        {format.number(entry.articleCount)} · {t("columns.occurrences")}:{" "}
        {format.number(entry.occurrenceCount)}
      </p>
      <ClientMessages part="glossary">
        <GlossaryEntryForm entry={entry} />
      </ClientMessages>
      <h2>{t("concordance")}</h2>
      <p className="muted">{t("concordanceIntro")}</p>
      {rows.length === 0 ? (
        <p>{t("noOccurrences")}</p>
      ) : (
        <ol className="concordance">
          {rows.map((r) => (
            <li key={r.segmentId}>
              <p lang="id">
                <Marked text={r.source} spans={r.spans} />
              </p>
              <p lang="en" className="muted">
                {r.translation?.text ?? t("untranslated")}
              </p>
              <p className="small">
                <Link href={`/articles/${r.articleSlug}#s-${r.segmentId}`}>
                  {r.articleTitle}: {t("openSentence")}
                </Link>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
