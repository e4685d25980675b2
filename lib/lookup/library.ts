import type { Db } from "../db/client";
import { foldForSearch, loadGlossary, type GlossaryEntryRecord } from "../glossary/store";
import { lookupWord, type LookupResult } from "./dictionary";
import { stemWord } from "./stem";

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
}

const MAX_USES = 20;
const wordSegmenter = new Intl.Segmenter("id", { granularity: "word" });

function roots(sentence: string): Set<string> {
  const result = new Set<string>();
  for (const piece of wordSegmenter.segment(sentence)) if (piece.isWordLike) result.add(stemWord(piece.segment));
  return result;
}

/** Everything the look-up panel shows for one Indonesian word. */
export async function lookupInLibrary(db: Db, word: string): Promise<WordLookup> {
  const result = lookupWord(word);
  const root = stemWord(word);
  const folded = foldForSearch(result.word);
  const glossary = await loadGlossary(db);
  const entry = glossary.entries.find((e) =>
    [e.term, ...e.aliases].some((form) => foldForSearch(form).split(/[\s-]+/).includes(folded)),
  );
  const segments = await db.segment.findMany({
    where: { removedAt: null },
    orderBy: [{ articleId: "asc" }, { position: "asc" }],
    select: { id: true, source: true, article: { select: { slug: true, title: true } } },
  });
  const uses: WordUse[] = [];
  for (const s of segments) {
    if (uses.length >= MAX_USES) break;
    if (roots(s.source).has(root)) uses.push({ slug: s.article.slug, title: s.article.title, segmentId: s.id, source: s.source });
  }
  return {
    ...result,
    ...(entry ? { glossary: { id: entry.id, term: entry.term, translation: entry.translation, note: entry.note, category: entry.category } } : {}),
    uses,
  };
}
