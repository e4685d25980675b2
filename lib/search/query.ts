import { tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
/**
 * Library-wide search: Indonesian sentences by word root, English translations
 * with stemming, and glossary entries, ranked by the database's full-text
 * search (FTS5's bm25 on SQLite, ts_rank on PostgreSQL: lib/search/backends.ts).
 */
import type { Db } from "../db/client";
import { CLOSE, OPEN, type EnglishWords, type HitRow } from "./backend";
import { backendFor } from "./backends";
import { ftsTokens, highlightWords, queryTerms } from "./stems";
import { words } from "../text/words";
import { englishOf } from "../articles/titles";

export type SearchLang = "id" | "en";

export interface Span {
  start: number;
  end: number;
}

export interface SearchHit {
  segmentId: number;
  source: string;
  translation: string | null;
  /** UTF-16 offsets into `source` of the words that matched (lang "id"). */
  sourceHighlights: Span[];
  /** UTF-16 offsets into `translation` of the words that matched (lang "en"). */
  translationHighlights: Span[];
}

export interface ArticleHits {
  slug: string;
  title: string;
  /** The title's English translation, once it has one. */
  titleTranslation: string | null;
  hits: SearchHit[];
}

export interface GlossaryHit {
  id: number;
  term: string;
  translation: string;
  aliases: string[];
}

export interface SearchResult {
  /** Articles in the order of their best hit; hits best first. */
  articles: ArticleHits[];
  glossary: GlossaryHit[];
  /** More sentences matched than MAX_HITS; only the best are listed. */
  truncated: boolean;
}

export const MAX_HITS = 200;
export const MAX_GLOSSARY_HITS = 50;

const EMPTY: SearchResult = { articles: [], glossary: [], truncated: false };

/** Kept until an article, a translation or the glossary changes. */
export function searchLibrary(db: Db, q: string, lang: SearchLang): Promise<SearchResult> {
  return cacheFor<SearchResult>("search", db, 200).getTagged(
    JSON.stringify([lang, q]),
    [tags.library, tags.translations, tags.glossary],
    () => (lang === "id" ? searchIndonesian(db, q) : searchEnglish(db, q)),
  );
}

async function searchIndonesian(db: Db, q: string): Promise<SearchResult> {
  const terms = queryTerms(q);
  // A query of punctuation alone has no words: nothing to look for.
  if (terms.length === 0) return EMPTY;
  const backend = backendFor(db);
  const rows = await backend.segmentsById(db, terms, MAX_HITS + 1);
  const ids = await backend.glossaryById(db, terms, MAX_GLOSSARY_HITS);
  return {
    articles: await withEnglishTitles(
      db,
      group(rows.slice(0, MAX_HITS), (row) => ({
        source: highlightWords(row.source, terms),
        translation: [],
      })),
    ),
    glossary: await glossaryHits(db, ids),
    truncated: rows.length > MAX_HITS,
  };
}

/**
 * English terms: each word as its tokens ("Korea's" the phrase "korea s"),
 * all required. No prefix matching: stemming already joins inflections, and
 * "war" should not find "warn".
 */
function englishWords(q: string): EnglishWords | null {
  const phrases = new Map<string, string[]>();
  for (const w of words(q)) {
    const tokens = ftsTokens(w.text);
    if (tokens.length > 0) phrases.set(tokens.join(" "), tokens);
  }
  return phrases.size === 0 ? null : [...phrases.values()];
}

async function searchEnglish(db: Db, q: string): Promise<SearchResult> {
  const english = englishWords(q);
  if (english === null) return EMPTY;
  const backend = backendFor(db);
  const rows = await backend.segmentsEn(db, english, MAX_HITS + 1);
  const ids = await backend.glossaryEn(db, english, MAX_GLOSSARY_HITS);
  return {
    articles: await withEnglishTitles(
      db,
      group(rows.slice(0, MAX_HITS), (row) => ({
        source: [],
        translation: markedSpans(row.marked, row.translation),
      })),
    ),
    glossary: await glossaryHits(db, ids),
    truncated: rows.length > MAX_HITS,
  };
}

/** Offsets of the marked runs in highlight()'s output, checked against the text they should mark. */
export function markedSpans(marked: string | null, text: string | null): Span[] {
  if (marked === null || text === null || text.includes(OPEN) || text.includes(CLOSE)) return [];
  const spans: Span[] = [];
  let plain = "";
  let start = -1;
  for (const char of marked) {
    if (char === OPEN) start = plain.length;
    else if (char === CLOSE && start >= 0) {
      spans.push({ start, end: plain.length });
      start = -1;
    } else plain += char;
  }
  // The index lags the data only if a write bypassed it; then offsets would lie.
  return plain === text ? spans : [];
}

/** Groups hits by article, keeping the rank order of both. */
function group(
  rows: HitRow[],
  highlight: (row: HitRow) => { source: Span[]; translation: Span[] },
): ArticleHits[] {
  const bySlug = new Map<string, ArticleHits>();
  for (const row of rows) {
    let article = bySlug.get(row.slug);
    if (!article)
      bySlug.set(
        row.slug,
        (article = { slug: row.slug, title: row.title, titleTranslation: null, hits: [] }),
      );
    const spans = highlight(row);
    article.hits.push({
      segmentId: Number(row.segmentId),
      source: row.source,
      translation: row.translation,
      sourceHighlights: spans.source,
      translationHighlights: spans.translation,
    });
  }
  return [...bySlug.values()];
}

/** Each article's English title, under its Indonesian one in the results. */
async function withEnglishTitles(db: Db, articles: ArticleHits[]): Promise<ArticleHits[]> {
  const english = await englishOf(
    db,
    articles.map((a) => a.slug),
  );
  return articles.map((a) => ({
    ...a,
    titleTranslation: english.get(a.slug)?.titleTranslation ?? null,
  }));
}

async function glossaryHits(db: Db, ids: number[]): Promise<GlossaryHit[]> {
  if (ids.length === 0) return [];
  const entries = await db.glossaryEntry.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      term: true,
      translation: true,
      forms: { where: { isTerm: false }, orderBy: { id: "asc" }, select: { text: true } },
    },
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  return ids.flatMap((id) => {
    const e = byId.get(id);
    return e
      ? [
          {
            id: e.id,
            term: e.term,
            translation: e.translation,
            aliases: e.forms.map((f) => f.text),
          },
        ]
      : [];
  });
}
