import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireLocale } from "@/lib/i18n/locale";
import { getDb } from "@/lib/db/client";
import { Link } from "@/lib/i18n/navigation";
import { Marked } from "@/app/_components/marked";
import { searchQuerySchema } from "@/lib/search/api";
import { MAX_HITS, searchLibrary, type SearchResult } from "@/lib/search/query";
import { firstParam } from "@/lib/http";

export const dynamic = "force-dynamic";

export default async function SearchPage({ params, searchParams }: PageProps<"/[locale]/search">) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const raw = await searchParams;
  const parsed = searchQuerySchema.safeParse({
    q: firstParam(raw.q) ?? "",
    lang: firstParam(raw.lang) || undefined,
  });
  const lang = parsed.success ? parsed.data.lang : firstParam(raw.lang) === "en" ? "en" : "id";
  const q = firstParam(raw.q) ?? "";
  const [t, format] = await Promise.all([getTranslations("search"), getFormatter()]);
  const result: SearchResult | null = parsed.success
    ? await searchLibrary(getDb(), parsed.data.q, parsed.data.lang)
    : null;
  const hitCount = result?.articles.reduce((n, a) => n + a.hits.length, 0) ?? 0;

  return (
    <div className="page narrow search-page">
      <h1>{t("title")}</h1>
      <form method="get" role="search" className="search-form">
        <label className="visually-hidden" htmlFor="search-q">
          {t("label")}
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t("placeholder")}
          maxLength={200}
        />
        <fieldset className="search-lang">
          <legend>{t("inLanguage")}</legend>
          {(["id", "en"] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="lang" value={l} defaultChecked={lang === l} />{" "}
              {t(`langs.${l}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t("submit")}
        </button>
      </form>
      <p className="muted small">{t("hint")}</p>

      {result && (
        <section aria-live="polite">
          <p>
            {hitCount === 0 && result.glossary.length === 0
              ? t("none", { q })
              : t("results", { count: hitCount, articles: result.articles.length })}
          </p>
          {result.truncated && (
            <p className="muted">{t("truncated", { max: format.number(MAX_HITS) })}</p>
          )}
          {result.glossary.length > 0 && (
            <>
              <h2>{t("glossary")}</h2>
              <ul className="search-glossary">
                {result.glossary.map((g) => (
                  <li key={g.id}>
                    <Link href={`/glossary/${g.id}`}>
                      <span lang="id">{g.term}</span> = <span lang="en">{g.translation}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.articles.map((article) => (
            <section key={article.slug} className="search-article" data-slug={article.slug}>
              <h2 lang="id">{article.title}</h2>
              {article.titleTranslation && (
                <p className="title-en" lang="en">
                  {article.titleTranslation}
                </p>
              )}
              <ol>
                {article.hits.map((hit) => (
                  <li key={hit.segmentId} className="search-hit">
                    <Link href={`/articles/${article.slug}#s-${hit.segmentId}`} title={t("open")}>
                      <span lang="id" className="hit-source">
                        <Marked text={hit.source} spans={hit.sourceHighlights} />
                      </span>
                    </Link>
                    {hit.translation && (
                      <span lang="en" className="hit-translation muted">
                        <Marked text={hit.translation} spans={hit.translationHighlights} />
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>
      )}
    </div>
  );
}
