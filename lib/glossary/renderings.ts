import type { LoadedGlossary } from "./cache";

/** A glossary entry used in a sentence, where it first stands (0 = start, 1 = end), and how often. */
export interface TermUse {
  entryId: number;
  translation: string;
  at: number;
  count: number;
  /** The term as the source writes it (its first occurrence). */
  term: string;
}

/** The glossary entries a source sentence uses, in order of first appearance. */
export function termsIn(glossary: LoadedGlossary, source: string): TermUse[] {
  const seen = new Map<number, TermUse>();
  for (const match of glossary.source.find(source)) {
    const known = seen.get(match.entryId);
    if (known) {
      known.count++;
      continue;
    }
    const entry = glossary.byId.get(match.entryId);
    if (!entry) continue;
    seen.set(match.entryId, {
      entryId: entry.id,
      translation: entry.translation,
      at: source.length > 0 ? match.start / source.length : 0,
      count: 1,
      term: match.matched,
    });
  }
  return [...seen.values()];
}

/**
 * The uses whose rendering the translation lacks. One rule for the whole app
 * (machine translation and the consistency check): case-insensitive except for
 * acronyms, plurals and possessives accepted (see buildEnglishMatcher).
 */
export function missingRenderings<T extends { entryId: number }>(
  glossary: LoadedGlossary,
  uses: readonly T[],
  translation: string,
): T[] {
  if (uses.length === 0) return [];
  const rendered = new Set(glossary.english.find(translation).map((m) => m.entryId));
  return uses.filter((u) => !rendered.has(u.entryId));
}
