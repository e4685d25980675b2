import type { Db } from "../db/client";
import { protectTerms } from "./placeholders";
import { loadGlossary } from "./store";

/**
 * Keeps glossary terms consistent in machine translation: each term in a
 * sentence is replaced by a placeholder (TERM0, TERM1, ...) that the model
 * copies through, and the placeholder is replaced by the glossary's English
 * rendering afterwards. A sentence whose placeholders the model lost is
 * translated again without them, so no term silently disappears.
 */
export async function translateWithGlossary(
  db: Db,
  sentences: string[],
  translate: (batch: string[]) => Promise<string[]>,
): Promise<string[]> {
  const glossary = await loadGlossary(db);
  const prepared = sentences.map((s) => protectTerms(s, glossary.source.find(s), glossary.byId));
  const output = await translate(prepared.map((p) => p.text));
  const result: string[] = [];
  const retry: number[] = [];
  prepared.forEach((p, i) => {
    const restored = p.restoreWithReport(output[i] ?? "");
    if (p.terms.length > 0 && (restored.missing.length > 0 || restored.unknown.length > 0))
      retry.push(i);
    result.push(restored.text);
  });
  if (retry.length > 0) {
    const plain = await translate(retry.map((i) => sentences[i]!));
    retry.forEach((i, k) => (result[i] = plain[k] ?? ""));
  }
  return result;
}
