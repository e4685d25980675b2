import type { Db } from "../db/client";
import { loadGlossary } from "../glossary/cache";
import { type GlossaryEntryRecord } from "../glossary/records";
import { foldForSearch } from "../text/fold";
import { wordParts, words } from "../text/words";
import { getDictionaryMeta, lookupWord, type LookupResult } from "./dictionary";
import { searchLibrary } from "../search/query";

export interface WordUse {
  slug: string;
  title: string;
  segmentId: number;
  source: string;
}

export interface WordLookup extends LookupResult {
  glossary?: Pick<GlossaryEntryRecord, "id" | "term" | "translation" | "note" | "category">;
  /** Other sentences of the library with a word of the same root. */
  uses: WordUse[];
  /** Where the senses come from (shown with them, as the dictionary's licence asks). */
  dictionary: { source: string; license: string };
}

const MAX_USES = 20;
/** Everything the look-up panel shows for one Indonesian word. */
export async function lookupInLibrary(db: Db, word: string): Promise<WordLookup> {
  const result = lookupWord(word);
  const folded = foldForSearch(result.word);
  const glossary = await loadGlossary(db);
  // The word may be a whole word of the term ("jong-un") or one part of it ("jong").
  const hasWord = (form: string): boolean => {
    const f = foldForSearch(form);
    return [...words(f), ...wordParts(f)].some((w) => f.slice(w.start, w.end) === folded);
  };
  const entry = glossary.entries.find((e) => [e.term, ...e.aliases].some(hasWord));
  // The search index files every sentence under its words' roots.
  const found = await searchLibrary(db, result.word, "id");
  const uses: WordUse[] = found.articles
    .flatMap((a) =>
      a.hits.map((h) => ({
        slug: a.slug,
        title: a.title,
        segmentId: h.segmentId,
        source: h.source,
      })),
    )
    .slice(0, MAX_USES);
  return {
    ...result,
    ...(entry
      ? {
          glossary: {
            id: entry.id,
            term: entry.term,
            translation: entry.translation,
            note: entry.note,
            category: entry.category,
          },
        }
      : {}),
    uses,
    dictionary: (({ source, license }) => ({ source, license }))(getDictionaryMeta()),
  };
}
