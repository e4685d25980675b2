/**
 * How well translations keep glossary terms, measured against references:
 * term accuracy (the share of term uses whose rendering the translation
 * carries, by the glossary's own rule) and renderings written twice (a
 * rendering, or a word made from it, standing more often in the translation
 * than in the reference, where the reference has it once).
 */
import type { LoadedGlossary } from "../glossary/cache";
import { missingRenderings, type TermUse } from "../glossary/renderings";
import { mentionsOf } from "../translation/search/constraints";

export interface TermFigures {
  uses: number;
  rendered: number;
  /** Translations in which some rendering stands twice where the reference has it once. */
  writtenTwice: number;
}

export function termFigures(
  glossary: LoadedGlossary,
  uses: readonly TermUse[][],
  outputs: readonly string[],
  references: readonly string[],
): TermFigures {
  const figures: TermFigures = { uses: 0, rendered: 0, writtenTwice: 0 };
  uses.forEach((sentenceUses, i) => {
    if (sentenceUses.length === 0) return;
    const output = outputs[i] ?? "";
    const missing = new Set(
      missingRenderings(glossary, sentenceUses, output).map((u) => u.entryId),
    );
    figures.uses += sentenceUses.length;
    figures.rendered += sentenceUses.filter((u) => !missing.has(u.entryId)).length;
    const twice = sentenceUses.some(
      (u) =>
        mentionsOf(u.translation, references[i] ?? "") === 1 &&
        mentionsOf(u.translation, output) > 1,
    );
    if (twice) figures.writtenTwice++;
  });
  return figures;
}

/** The uses of a sentence whose rendering its reference carries (the terms a reference asks for). */
export function usesInReference(
  glossary: LoadedGlossary,
  uses: readonly TermUse[],
  reference: string,
): TermUse[] {
  const missing = new Set(missingRenderings(glossary, uses, reference).map((u) => u.entryId));
  return uses.filter((u) => !missing.has(u.entryId));
}
