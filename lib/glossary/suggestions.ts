import type { Db } from "../db/client";
import { mineSuggestions, type MiningSuggestion } from "./mining";
import { patternKey } from "./matcher";
import { loadGlossary } from "./cache";
import { corpusForMining } from "./corpus";

/** Candidate entries mined from the library, minus the glossary and what the user dismissed. */
export async function glossarySuggestions(db: Db, limit = 100): Promise<MiningSuggestion[]> {
  const [corpus, glossary, dismissed] = await Promise.all([
    corpusForMining(db),
    loadGlossary(db),
    db.dismissedSuggestion.findMany({ select: { text: true } }),
  ]);
  return mineSuggestions(corpus, {
    glossary: glossary.entries.map((e) => ({ term: e.term, aliases: e.aliases })),
    dismissed: dismissed.map((d) => d.text),
    limit,
  });
}

/** A dismissed suggestion stays dismissed, whatever articles are added later. */
export async function dismissSuggestion(db: Db, text: string): Promise<void> {
  const key = patternKey(text);
  await db.dismissedSuggestion.upsert({ where: { key }, create: { key, text }, update: {} });
}
