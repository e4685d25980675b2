import type { Db } from "../db/client";
import { loadGlossary } from "./cache";
import { usage } from "./usage";

/** What the reader knows about a glossary entry (kept small: it is sent to the browser). */
export interface ReaderTerm {
  id: number;
  term: string;
  /** The entry's other spellings that occur in the article (not all of its aliases). */
  aliases: string[];
  translation: string;
  note: string;
  articleCount: number;
}

/**
 * The glossary entries that occur in an article's Indonesian text, found with
 * the server's cached matcher. The reader gets only these, so its page does
 * not grow with the glossary; its own matchers are built from them alone.
 */
export async function termsInText(db: Db, sentences: readonly string[]): Promise<ReaderTerm[]> {
  const glossary = await loadGlossary(db);
  const found = new Map<number, Set<string>>();
  for (const sentence of sentences) {
    for (const match of glossary.source.find(sentence)) {
      const spellings = found.get(match.entryId) ?? new Set<string>();
      // The surface text without an attached suffix matches the same entry again.
      spellings.add(match.matched.slice(0, match.matched.length - match.suffix.length));
      found.set(match.entryId, spellings);
    }
  }
  if (found.size === 0) return [];
  const counts = await usage(db);
  const terms: ReaderTerm[] = [];
  for (const [id, spellings] of found) {
    const entry = glossary.byId.get(id);
    if (!entry) continue;
    spellings.delete(entry.term);
    terms.push({
      id,
      term: entry.term,
      aliases: [...spellings],
      translation: entry.translation,
      note: entry.note,
      articleCount: counts.get(id)?.articles.size ?? 0,
    });
  }
  return terms.sort((a, b) => a.id - b.id);
}
