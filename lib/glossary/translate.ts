import type { Db } from "../db/client";
import type { SentenceRequest, SentenceResult } from "../translation/decode";
import { isDegenerate, type TranslationFlag } from "../translation/output-check";
import { missingRenderings, termsIn, type TermUse } from "./renderings";
import { loadGlossary } from "./cache";

/** What the model made of one sentence, as stored with the machine revision. */
export interface MachineTranslation {
  text: string;
  /** 0-1, from the mean log-probability of the tokens the model chose. */
  confidence: number;
  flags: TranslationFlag[];
  /** Sentences decoded for this one (1, or 2 when it was tried again). */
  calls: number;
}

export type TranslateRequests = (requests: SentenceRequest[]) => Promise<SentenceResult[]>;

/**
 * Translates sentences so that glossary renderings are kept without asking the
 * model to copy placeholders (a model never trained on them moves, re-cases or
 * drops them). Each sentence is first translated plainly; an output that
 * already carries every rendering of the terms in its source is kept exactly
 * as the model wrote it. Only a sentence that lacks a rendering, or whose
 * output is degenerate (a loop, far too long or short, empty, untranslated), is
 * decoded once more: with decoding steered toward the missing renderings where
 * the source has the terms, and with stronger loop guards if it was
 * degenerate. A retry that still lacks a rendering is discarded for the plain
 * output, flagged `termMissing`; one that is still degenerate is kept flagged
 * `degenerate`, so the reader shows it as needing review, never as plain text.
 */
export async function translateWithGlossary(
  db: Db,
  sentences: string[],
  translate: TranslateRequests,
): Promise<MachineTranslation[]> {
  const glossary = await loadGlossary(db);
  const uses = sentences.map((s) => termsIn(glossary, s));
  const plain = await translate(sentences.map((source) => ({ source, guard: "normal" })));

  const retry: { index: number; degenerate: boolean; request: SentenceRequest }[] = [];
  const result: MachineTranslation[] = sentences.map((source, i) => {
    const first = plain[i]!;
    const degenerate = isDegenerate(source, first.text);
    const missing = missingRenderings(glossary, uses[i]!, first.text);
    if (degenerate || missing.length > 0) {
      retry.push({
        index: i,
        degenerate,
        request: {
          source,
          guard: degenerate ? "strong" : "normal",
          steer: (degenerate ? uses[i]! : missing).map(steerTarget),
          // A degenerate output says nothing about the right length.
          expectedTokens: degenerate ? undefined : first.tokens,
        },
      });
    }
    return {
      text: first.text,
      confidence: first.confidence,
      flags: degenerate ? ["degenerate"] : missing.length > 0 ? ["termMissing"] : [],
      calls: 1,
    };
  });
  if (retry.length === 0) return result;

  const second = await translate(retry.map((r) => r.request));
  retry.forEach(({ index, degenerate }, k) => {
    const source = sentences[index]!;
    const again = second[k]!;
    const stillDegenerate = isDegenerate(source, again.text);
    const missing = missingRenderings(glossary, uses[index]!, again.text);
    const current = result[index]!;
    current.calls = 2;
    if (degenerate) {
      // The retry is kept either way: it ran with the stronger guards.
      const flags: TranslationFlag[] = [];
      if (stillDegenerate) flags.push("degenerate");
      if (missing.length > 0) flags.push("termMissing");
      Object.assign(current, { text: again.text, confidence: again.confidence, flags });
    } else if (!stillDegenerate && missing.length === 0) {
      Object.assign(current, { text: again.text, confidence: again.confidence, flags: [] });
    }
    // Otherwise the plain output stands, flagged termMissing.
  });
  return result;
}

function steerTarget(use: TermUse) {
  return { text: use.translation, at: use.at };
}
