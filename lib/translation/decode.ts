/**
 * What a translation request and its result are, and the decoding settings
 * that do not depend on the model: the loop guards' levels and what counts as
 * a confident translation. The search itself is in ./search/.
 *
 * Everything a caller passes in or gets back is plain data, so requests and
 * results can cross a worker boundary unchanged.
 */
import type { LoopGuards } from "./search/guards";

/** How hard decoding pushes back against repetition. */
export type GuardLevel = "normal" | "strong";

/**
 * Guards per guard level, named as the generation options of the same effect
 * (Transformers.js's `repetition_penalty` and `no_repeat_ngram_size`), chosen
 * with `npm run bench:terms` (see docs/translation.md): the normal level leaves every
 * training sentence of both fixtures exactly as without guards; the strong
 * level is tried only on a sentence whose first output was degenerate.
 */
export const GUARDS: Record<GuardLevel, LoopGuards> = {
  normal: { no_repeat_ngram_size: 4, repetition_penalty: 1.2 },
  strong: { no_repeat_ngram_size: 2, repetition_penalty: 1.2 },
};

/** A glossary rendering the translation must carry. */
export interface SteerTarget {
  /** English rendering, e.g. "UN Security Council". */
  text: string;
  /** How many times the source has the term (the translation mentions the rendering at most this often); 1 if unset. */
  count?: number;
  /** The term as the source writes it: translated alone, it gives the model's own wording to keep out. */
  term?: string;
}

export interface SentenceRequest {
  source: string;
  guard?: GuardLevel;
  /** Renderings the translation must carry (a search constrained to them runs only where the plain one lacks one). */
  steer?: SteerTarget[];
}

export interface SentenceResult {
  text: string;
  /** Mean log-probability of the translation's tokens, `</s>` included, as the model scored them. */
  meanLogProb: number;
  /** 0-1: the geometric mean of those tokens' probabilities. */
  confidence: number;
  /** Generated tokens, end-of-sentence included. */
  tokens: number;
  /** Renderings of `steer` that the plain translation lacked and a constrained search wrote. */
  forced: string[];
  /** How it was decoded (decodingLabel): stored with the machine revision. */
  decoding: string;
}

/** "greedy" or "beam N", and ", terms" when a search constrained to glossary renderings wrote it. */
export function decodingLabel(beams: number, constrained: boolean): string {
  return (beams <= 1 ? "greedy" : `beam ${beams}`) + (constrained ? ", terms" : "");
}

/** exp(mean log-probability): 1 when every token was certain, toward 0 as the model hesitates. */
export function confidenceFromLogProb(meanLogProb: number): number {
  if (!Number.isFinite(meanLogProb)) return 0;
  return Math.min(1, Math.max(0, Math.exp(meanLogProb)));
}

/** Sentences below this confidence are marked for review in the reader and counted in the library. */
export const LOW_CONFIDENCE = 0.5;
