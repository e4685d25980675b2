import type { LoadedGlossary } from "./cache";

/** A glossary entry used in a sentence, and where it first stands (0 = start, 1 = end). */
export interface TermUse {
  entryId: number;
  translation: string;
  at: number;
}

/** The glossary entries a source sentence uses, in order of first appearance. */
export function termsIn(glossary: LoadedGlossary, source: string): TermUse[] {
  const seen = new Map<number, TermUse>();
  for (const match of glossary.source.find(source)) {
    if (seen.has(match.entryId)) continue;
    const entry = glossary.byId.get(match.entryId);
    if (!entry) continue;
    seen.set(match.entryId, {
      entryId: entry.id,
      translation: entry.translation,
      at: source.length > 0 ? match.start / source.length : 0,
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
