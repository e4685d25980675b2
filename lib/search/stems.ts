/**
 * The Indonesian side of search: which words a text has, and the roots they
 * are indexed and matched under. Indexing, querying and highlighting all go
 * through here so that the three cannot disagree.
 */
import { isRootWord, rootCandidates } from "../lookup/stem";
import { foldForSearch } from "../text/fold";
import { words } from "../text/words";

/**
 * Every plausible root of a word. meN-/peN- words can have two (mengunjungi:
 * unjung or kunjung); indexing and querying under all of them is what lets
 * "kunjungan" find "mengunjungi".
 */
export function wordRoots(word: string): string[] {
  return rootCandidates(word).filter((root) => root !== "");
}

/** What the FTS column of a sentence holds: the roots of its words, in order. */
export function stemText(text: string): string {
  return words(text)
    .flatMap((w) => wordRoots(w.text))
    .join(" ");
}

/**
 * The tokens FTS5's unicode61 tokenizer (remove_diacritics 2) makes of a
 * string: lower-cased, accents removed, split at anything not a letter or
 * digit. A root like "jong-un" is two tokens, in the index and in the query.
 */
export function ftsTokens(text: string): string[] {
  return foldForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One query word: its roots as token sequences; `prefix` when it may be a word still being typed. */
export interface QueryTerm {
  roots: string[][];
  prefix: boolean;
}

/**
 * The query's words as search terms. Only the last word may be a prefix, and
 * only when it is not a complete Indonesian root already: "kunj" finds
 * "kunjungan", but "kata" does not find "katak".
 */
export function queryTerms(q: string): QueryTerm[] {
  const list = words(q);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const [i, w] of list.entries()) {
    const candidates = wordRoots(w.text);
    const roots = candidates.map(ftsTokens).filter((t) => t.length > 0);
    const key = roots.map((r) => r.join(" ")).join("|");
    if (roots.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const first = candidates[0] ?? "";
    const prefix = i === list.length - 1 && first.length >= 3 && !isRootWord(first);
    terms.push({ roots, prefix });
  }
  return terms;
}

/** An FTS5 string literal: quoted, inner quotes doubled, so no query text is ever read as syntax. */
export function ftsString(tokens: string[]): string {
  return `"${tokens.join(" ").replaceAll('"', '""')}"`;
}

/** The FTS5 MATCH expression for the terms: every word must match, under any of its roots. */
export function ftsQuery(terms: QueryTerm[]): string {
  return terms
    .map((t) => `(${t.roots.map((r) => ftsString(r) + (t.prefix ? " *" : "")).join(" OR ")})`)
    .join(" AND ");
}

/**
 * Offsets of the words of `text` that match any query term. The words' roots
 * are laid out as one token stream, exactly as stemText lays them out for FTS,
 * so a phrase ("jong-un") is found where FTS found it, across words too.
 */
export function highlightWords(text: string, terms: QueryTerm[]): { start: number; end: number }[] {
  if (terms.length === 0) return [];
  const list = words(text);
  const stream: { token: string; word: number }[] = [];
  for (const [i, w] of list.entries()) {
    for (const root of wordRoots(w.text))
      for (const token of ftsTokens(root)) stream.push({ token, word: i });
  }
  const hit = new Set<number>();
  for (const term of terms) {
    for (const phrase of term.roots) {
      for (let i = 0; i + phrase.length <= stream.length; i++) {
        const matches = phrase.every((token, j) => {
          const t = stream[i + j]?.token ?? "";
          return term.prefix && j === phrase.length - 1 ? t.startsWith(token) : t === token;
        });
        if (matches) for (let j = 0; j < phrase.length; j++) hit.add(stream[i + j]!.word);
      }
    }
  }
  return list.filter((_, i) => hit.has(i)).map(({ start, end }) => ({ start, end }));
}
