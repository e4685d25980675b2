import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireLocale } from "@/lib/i18n/locale";
import {
  libraryPage,
  libraryQuerySchema,
  REVIEW_STATES,
  TRANSLATION_STATES,
  type LibraryQuery,
} from "@/lib/articles/library";
import { getDb } from "@/lib/db/client";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { noteVolatileRead } from "@/lib/cache/response-scope";
import { getEngine } from "@/lib/translation/engines";
import { libraryProgress } from "@/lib/translation/progress";
import { ClientMessages } from "../_components/client-messages";
import { Fold } from "../_components/fold";
import { MemoryImport } from "../_components/memory-import";
import { ModelDownload } from "../_components/model-download";
import { Pager } from "../_components/pager";
import { LibraryCards } from "../_components/library-cards";
import { LibraryProgress } from "../_components/translation-progress";
import { filledParam } from "@/lib/http";

export const dynamic = "force-dynamic";

export default async function LibraryPage({ params, searchParams }: PageProps<"/[locale]">) {
  const locale = requireLocale((await params).locale);
  setRequestLocale(locale);
  const raw = await searchParams;
  const query: LibraryQuery = libraryQuerySchema.parse({
    q: filledParam(raw.q),
    source: filledParam(raw.source),
    translation: filledParam(raw.translation),
    review: filledParam(raw.review),
    page: filledParam(raw.page),
  });
  const [t, format, library, progress] = await Promise.all([
    getTranslations("library"),
    getFormatter(),
    libraryPage(getDb(), query),
    libraryProgress(getDb()),
  ]);
  const { articles, total, page, pageCount, pageSize } = library;
  const model = getEngine().status();
  // A kept copy of this page is served only while the model's state is the same.
  noteVolatileRead(() => JSON.stringify(getEngine().status()));
  const filtered = Boolean(query.q || query.source || query.translation || query.review);
  const filters = {
    q: query.q,
    source: query.source,
    translation: query.translation,
    review: query.review,
  };
  return (
    // The cards, the bars and the memory import are client components.
    <ClientMessages part="library">
      <div className="page library">
        <h1>{t("title")}</h1>
        <LibraryProgress done={progress.done} total={progress.total} />
        {/* The background's first translation may be downloading the model. */}
        <ModelDownload initial={model} watch={progress.done < progress.total} />
        {/* On a phone these fold behind one button, so the cards come first. */}
        <Fold label={t("tools")} className="library-tools">
          {/* Exports and the memory import share one line on a wide screen. */}
          <div className="library-exchange">
            <p className="library-actions">
              <a href="/api/export/tmx" download>
                {t("exportTmx")}
              </a>
              <a href="/api/export/json" download>
                {t("exportJson")}
              </a>
            </p>
            <MemoryImport />
          </div>
          <form className="library-filters" method="get" role="search">
            <label>
              {t("search")}
              <input
                type="search"
                name="q"
                defaultValue={query.q ?? ""}
                placeholder={t("searchPlaceholder")}
              />
            </label>
            <label>
              {t("source")}
              <select name="source" defaultValue={query.source ?? ""}>
                <option value="">{t("allSources")}</option>
                {library.sources.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("translationState")}
              <select name="translation" defaultValue={query.translation ?? ""}>
                <option value="">{t("anyState")}</option>
                {TRANSLATION_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`translationStates.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("reviewState")}
              <select name="review" defaultValue={query.review ?? ""}>
                <option value="">{t("anyState")}</option>
                {REVIEW_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`reviewStates.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t("apply")}</button>
            {filtered && <Link href="/">{t("clear")}</Link>}
          </form>
        </Fold>
        <p className="muted" data-testid="library-count">
          {total === 0
            ? t("count", { count: 0 })
            : t("showing", {
                from: format.number((page - 1) * pageSize + 1),
                to: format.number((page - 1) * pageSize + articles.length),
                total,
              })}
        </p>
        {articles.length === 0 ? (
          <p>{filtered ? t("noMatch") : t("empty")}</p>
        ) : (
          <LibraryCards
            cards={articles.map((a) => ({
              slug: a.slug,
              href: getPathname({ href: `/articles/${a.slug}`, locale }),
              title: a.title,
              titleTranslation: a.titleTranslation,
              preview: a.preview,
              meta: [
                a.source ?? t("unknownSource"),
                a.publishedAt
                  ? format.dateTime(new Date(a.publishedAt), { dateStyle: "long", timeZone: "UTC" })
                  : t("undated"),
                `${t("columns.sentences")}: ${format.number(a.segmentCount)}`,
              ].join(" · "),
              segmentCount: a.segmentCount,
              translatedCount: a.translatedCount,
              reviewedCount: a.reviewedCount,
              flaggedCount: a.flaggedCount,
              lowConfidenceCount: a.lowConfidenceCount,
            }))}
          />
        )}
        <Pager pathname="/" query={filters} page={page} pageCount={pageCount} />
      </div>
    </ClientMessages>
  );
}
