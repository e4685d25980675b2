import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireLocale } from "@/lib/i18n/locale";
import { getDb } from "@/lib/db/client";
import { glossaryPageQuerySchema } from "@/lib/glossary/api";
import { findArticleTitle } from "@/lib/articles/queries";
import { consistencyReport } from "@/lib/glossary/consistency";
import { listEntriesPage } from "@/lib/glossary/list";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { CategorySelect } from "../../_components/category-select";
import { ClientMessages } from "../../_components/client-messages";
import { GlossaryEntryForm } from "../../_components/glossary-entry-form";
import { GlossaryImport } from "../../_components/glossary-import";
import { GlossarySuggestions } from "../../_components/glossary-suggestions";
import { Pager } from "../../_components/pager";
import { firstParam } from "@/lib/http";

export const dynamic = "force-dynamic";

const TABS = ["entries", "suggestions", "consistency", "transfer"] as const;
type Tab = (typeof TABS)[number];

export default async function GlossaryPage({
  params,
  searchParams,
}: PageProps<"/[locale]/glossary">) {
  const locale = requireLocale((await params).locale);
  setRequestLocale(locale);
  const raw = await searchParams;
  const query = glossaryPageQuerySchema.parse({
    q: firstParam(raw.q) || undefined,
    category: firstParam(raw.category) || undefined,
    sort: firstParam(raw.sort) || undefined,
    page: firstParam(raw.page) || undefined,
  });
  const tab: Tab = (TABS as readonly string[]).includes(firstParam(raw.tab) ?? "")
    ? (firstParam(raw.tab) as Tab)
    : "entries";
  const t = await getTranslations("glossary");
  const format = await getFormatter();

  return (
    <ClientMessages part="glossary">
      <div className="page glossary-page">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <nav className="tabs" aria-label={t("title")}>
          {TABS.map((name) => (
            <Link
              key={name}
              href={{ pathname: "/glossary", query: { tab: name } }}
              aria-current={tab === name ? "page" : undefined}
            >
              {t(`tabs.${name}`)}
            </Link>
          ))}
        </nav>

        {tab === "entries" && <EntriesTab query={query} />}
        {tab === "suggestions" && <GlossarySuggestions />}
        {tab === "consistency" && <ConsistencyTab article={firstParam(raw.article)} />}
        {tab === "transfer" && (
          <section>
            <h2>{t("exportTitle")}</h2>
            <p className="library-actions">
              <a href="/api/glossary/export?format=csv" download>
                {t("exportCsv")}
              </a>
              <a href="/api/glossary/export?format=tbx" download>
                {t("exportTbx")}
              </a>
            </p>
            <h2>{t("importTitle")}</h2>
            <p className="muted">{t("importIntro")}</p>
            <GlossaryImport />
          </section>
        )}
      </div>
    </ClientMessages>
  );

  async function EntriesTab({ query }: { query: typeof glossaryPageQuerySchema._output }) {
    const { page: requested, ...filters } = query;
    const { entries, total, page, pageCount, pageSize } = await listEntriesPage(
      getDb(),
      filters,
      requested,
    );
    return (
      <section>
        <form className="glossary-filters" method="get" role="search">
          <input type="hidden" name="tab" value="entries" />
          <label>
            {t("search")}
            <input
              type="search"
              name="q"
              defaultValue={query.q ?? ""}
              placeholder={t("searchPlaceholder")}
            />
          </label>
          <CategorySelect
            label={t("category")}
            defaultValue={query.category ?? ""}
            allLabel={t("allCategories")}
          />
          <label>
            {t("sort")}
            <select name="sort" defaultValue={query.sort ?? "name"}>
              <option value="name">{t("sortName")}</option>
              <option value="frequency">{t("sortFrequency")}</option>
            </select>
          </label>
          <button type="submit">{t("apply")}</button>
        </form>
        <p className="muted" data-testid="glossary-count">
          {total === 0
            ? t("count", { count: 0 })
            : t("showing", {
                from: format.number((page - 1) * pageSize + 1),
                to: format.number((page - 1) * pageSize + entries.length),
                total,
              })}
        </p>
        {entries.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="glossary-table">
              <thead>
                <tr>
                  <th scope="col">{t("columns.term")}</th>
                  <th scope="col">{t("columns.translation")}</th>
                  <th scope="col">{t("columns.aliases")}</th>
                  <th scope="col">{t("columns.category")}</th>
                  <th scope="col" className="num">
                    {t("columns.articles")}
                  </th>
                  <th scope="col" className="num">
                    {t("columns.occurrences")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-entry-id={e.id}>
                    {/* A plain link: a client Link per row costs more to render than the row. */}
                    <td lang="id">
                      <a href={getPathname({ href: `/glossary/${e.id}`, locale })}>{e.term}</a>
                    </td>
                    <td lang="en">{e.translation}</td>
                    <td lang="id">{e.aliases.join(", ")}</td>
                    <td>{t(`categories.${e.category}`)}</td>
                    <td className="num">{format.number(e.articleCount)}</td>
                    <td className="num">{format.number(e.occurrenceCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          pathname="/glossary"
          query={{ tab: "entries", ...filters }}
          page={page}
          pageCount={pageCount}
        />
        <details className="new-entry">
          <summary>{t("newEntry")}</summary>
          <GlossaryEntryForm entry={null} />
        </details>
      </section>
    );
  }

  async function ConsistencyTab({ article }: { article?: string }) {
    const db = getDb();
    const title = article ? await findArticleTitle(db, article) : null;
    const rows = await consistencyReport(db, title ? article : undefined);
    return (
      <section>
        <p className="muted">{t("consistencyIntro")}</p>
        {title && (
          <p>
            {t("consistencyFor", { title })}{" "}
            <Link href={{ pathname: "/glossary", query: { tab: "consistency" } }}>
              {t("wholeLibrary")}
            </Link>
          </p>
        )}
        {rows.length === 0 ? (
          <p>{t("consistencyNone")}</p>
        ) : (
          <ul className="consistency-list">
            {rows.map((r) => (
              <li key={r.segmentId}>
                <p lang="id">{r.source}</p>
                <p lang="en" className="muted">
                  {r.translation}
                </p>
                <p>
                  {t("missing", {
                    terms: r.missing.map((m) => `${m.term} → ${m.translation}`).join("; "),
                  })}{" "}
                  ·{" "}
                  <Link href={`/articles/${r.articleSlug}#s-${r.segmentId}`}>
                    {r.articleTitle}: {t("openSentence")}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }
}
