import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireLocale } from "@/lib/i18n/locale";
import { listArticles } from "@/lib/articles/queries";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { MemoryImport } from "../_components/memory-import";
import { ProgressBar } from "../_components/progress-bar";

export const dynamic = "force-dynamic";

export default async function LibraryPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const [t, format, articles] = await Promise.all([
    getTranslations("library"),
    getFormatter(),
    listArticles(getDb()),
  ]);
  return (
    <div className="page library">
      <h1>{t("title")}</h1>
      <p className="muted">{t("count", { count: articles.length })}</p>
      <p className="library-actions">
        <a href="/api/export/tmx" download>
          {t("exportTmx")}
        </a>
        <a href="/api/export/json" download>
          {t("exportJson")}
        </a>
      </p>
      <MemoryImport />
      {articles.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="article-list">
          {articles.map((a) => (
            <li key={a.slug} className="article-card" data-slug={a.slug}>
              <h2>
                <Link href={`/articles/${a.slug}`}>{a.title}</Link>
              </h2>
              <p className="article-meta">
                <span>{a.source ?? t("unknownSource")}</span>
                {" · "}
                <span>
                  {a.publishedAt
                    ? format.dateTime(new Date(a.publishedAt), {
                        dateStyle: "long",
                        timeZone: "UTC",
                      })
                    : t("undated")}
                </span>
                {" · "}
                <span>
                  {t("columns.sentences")}: {format.number(a.segmentCount)}
                </span>
              </p>
              <ProgressBar
                done={a.translatedCount}
                total={a.segmentCount}
                label={t("translatedOf", {
                  done: format.number(a.translatedCount),
                  total: format.number(a.segmentCount),
                })}
              />
              <p className="muted small review-count">
                {t("reviewedOf", {
                  done: format.number(a.reviewedCount),
                  total: format.number(a.segmentCount),
                })}
                {a.flaggedCount > 0 && (
                  <span className="library-flagged" data-testid="flagged-count">
                    {" · "}
                    {t("flagged", { count: a.flaggedCount })}
                  </span>
                )}
                {a.lowConfidenceCount > 0 && (
                  <span data-testid="low-confidence-count">
                    {" · "}
                    {t("lowConfidence", { count: a.lowConfidenceCount })}
                  </span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
