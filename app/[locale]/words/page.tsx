import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { requireLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { wordsQuerySchema } from "@/lib/words/api";
import { ownerOf } from "@/lib/words/owner";
import { formSpans, WORD_STATUSES, type SavedWordRecord } from "@/lib/words/records";
import { countWords, listWords, wordArticles } from "@/lib/words/store";
import { ClientMessages } from "../../_components/client-messages";
import { Marked } from "../../_components/marked";
import { WordActions } from "../../_components/words/word-actions";
import { WordReview } from "../../_components/words/word-review";
import { WordsImport } from "../../_components/words/words-import";
import { filledParam } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("words"))("title") };
}

async function WordItem({ word }: { word: SavedWordRecord }) {
  const t = await getTranslations("words");
  return (
    <li className="word-item" data-status={word.status} data-word-id={word.id}>
      <h2 lang="id">{word.form}</h2>
      <p className="muted small">
        {t("root")}: <span lang="id">{word.root}</span> ·{" "}
        {t("frequency", { count: word.frequency })}
      </p>
      {word.senses.length > 0 && (
        <p lang="en" className="word-senses">
          {word.senses.map((s) => s.gloss).join("; ")}
        </p>
      )}
      {word.note && <p className="word-note-text">{word.note}</p>}
      <WordActions id={word.id} status={word.status} />
      {word.contexts.length === 0 ? (
        <p className="muted small">{t("noContexts")}</p>
      ) : (
        <ol className="word-contexts" aria-label={t("contexts")}>
          {word.contexts.map((c) => (
            <li key={c.id}>
              {c.articleSlug ? (
                <Link
                  href={`/articles/${c.articleSlug}${c.segmentId === null ? "" : `#s-${c.segmentId}`}`}
                  lang="id"
                >
                  <Marked text={c.source} spans={formSpans(c.source, c.form)} />
                </Link>
              ) : (
                <span lang="id">
                  <Marked text={c.source} spans={formSpans(c.source, c.form)} />
                </span>
              )}
              {c.translation && (
                <span className="muted small" lang="en">
                  {" "}
                  — {c.translation}
                </span>
              )}
              <span className="muted small"> · {c.articleTitle ?? t("articleGone")}</span>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

export default async function WordsPage({ params, searchParams }: PageProps<"/[locale]/words">) {
  const locale = requireLocale((await params).locale);
  setRequestLocale(locale);
  const raw = await searchParams;
  const parsed = wordsQuerySchema.safeParse({
    q: filledParam(raw.q),
    status: filledParam(raw.status),
    article: filledParam(raw.article),
    sort: filledParam(raw.sort),
  });
  const query = parsed.success ? parsed.data : wordsQuerySchema.parse({});
  const owner = ownerOf(await currentUser({ headers: await headers() }));
  const db = getDb();
  const [list, articles, everything, t] = await Promise.all([
    listWords(db, owner, query),
    wordArticles(db, owner),
    countWords(db, owner),
    getTranslations("words"),
  ]);
  const filters = new URLSearchParams(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  const exportHref = (format: string) =>
    `/api/words/export?${new URLSearchParams([...filters, ["format", format]])}`;

  return (
    <ClientMessages part="words">
      <div className="page words-page">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <form method="get" className="filters" role="search" aria-label={t("search")}>
          <label>
            {t("search")}{" "}
            <input
              type="search"
              name="q"
              defaultValue={query.q ?? ""}
              placeholder={t("searchPlaceholder")}
              maxLength={100}
            />
          </label>{" "}
          <label>
            {t("statusLabel")}{" "}
            <select name="status" defaultValue={query.status ?? ""}>
              <option value="">{t("allStatuses")}</option>
              {WORD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            {t("article")}{" "}
            <select name="article" defaultValue={query.article ?? ""}>
              <option value="">{t("allArticles")}</option>
              {articles.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.title}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            {t("sort")}{" "}
            <select name="sort" defaultValue={query.sort}>
              <option value="date">{t("sortDate")}</option>
              <option value="frequency">{t("sortFrequency")}</option>
            </select>
          </label>{" "}
          <button type="submit">{t("apply")}</button>
        </form>
        <p role="status">{t("count", { count: list.length })}</p>
        {list.length > 0 && <WordReview words={list} />}
        {list.length === 0 ? (
          <p className="muted">{everything === 0 ? t("empty") : t("noMatch")}</p>
        ) : (
          <ul className="word-list">
            {list.map((word) => (
              <WordItem key={word.id} word={word} />
            ))}
          </ul>
        )}
        <section className="words-transfer">
          <h2>{t("exportTitle")}</h2>
          <p>
            <a href={exportHref("anki")} download>
              {t("exportAnki")}
            </a>{" "}
            ·{" "}
            <a href={exportHref("csv")} download>
              {t("exportCsv")}
            </a>
          </p>
          <p className="muted small">{t("exportHint")}</p>
          <WordsImport />
        </section>
      </div>
    </ClientMessages>
  );
}
