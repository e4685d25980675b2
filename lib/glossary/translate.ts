import type { Db } from "../db/client";
import type { SentenceRequest, SentenceResult } from "../translation/decode";
import {
  checkOutput,
  isDegenerate,
  type Degeneracy,
  type TranslationFlag,
} from "../translation/output-check";

const CURABLE: ReadonlySet<Degeneracy> = new Set(["repetition", "tooLong"]);
import { missingRenderings, termsIn, type TermUse } from "./renderings";
import { loadGlossary, type LoadedGlossary } from "./cache";

/** What the model made of one sentence, as stored with the machine revision. */
export interface MachineTranslation {
  text: string;
  /** 0-1, from the mean log-probability of the tokens the model chose. */
  confidence: number;
  flags: TranslationFlag[];
  /** Sentences decoded for this one (1, or 2 when it was tried again). */
  calls: number;
  /** How the model decoded it ("beam 2", "greedy, terms"). */
  decoding: string;
}

export type TranslateRequests = (requests: SentenceRequest[]) => Promise<SentenceResult[]>;

/**
 * Translates sentences so that glossary renderings are kept without asking the
 * model to copy placeholders (a model never trained on them moves, re-cases or
 * drops them). Each request carries the renderings of the terms in its source:
 * where the model writes them by itself nothing changes (an output that
 * already carries every rendering is exactly the plain one); where it does
 * not, the engine searches again under the constraint that the translation
 * carry them, so the model's own scores decide where a rendering goes and no
 * rendering stands beside the model's own wording of it. Only an
 * output that is degenerate (a loop, far too long or short, empty,
 * untranslated) is decoded once more, with stronger loop guards; if it is
 * still degenerate it is kept flagged `degenerate`, so the reader shows it as
 * needing review, never as plain text. A rendering the model's vocabulary
 * cannot spell leaves the sentence flagged `termMissing`.
 */
export async function translateWithGlossary(
  db: Db,
  sentences: string[],
  translate: TranslateRequests,
): Promise<MachineTranslation[]> {
  const glossary = await loadGlossary(db);
  return translateWithTerms(
    glossary,
    sentences,
    sentences.map((s) => termsIn(glossary, s)),
    translate,
  );
}

/**
 * The same with the terms of each sentence given (the quality benchmark keeps
 * only those whose rendering its reference uses).
 */
export async function translateWithTerms(
  glossary: LoadedGlossary,
  sentences: string[],
  uses: TermUse[][],
  translate: TranslateRequests,
): Promise<MachineTranslation[]> {
  const request = (i: number, guard: SentenceRequest["guard"]): SentenceRequest => ({
    source: sentences[i]!,
    guard,
    steer: uses[i]!.map(steerTarget),
  });
  const first = await translate(sentences.map((_, i) => request(i, "normal")));
  const judge = (i: number, output: SentenceResult, calls: number): MachineTranslation => {
    const flags: TranslationFlag[] = [];
    if (isDegenerate(sentences[i]!, output.text)) flags.push("degenerate");
    if (missingRenderings(glossary, uses[i]!, output.text).length > 0) flags.push("termMissing");
    return {
      text: output.text,
      confidence: output.confidence,
      flags,
      calls,
      decoding: output.decoding,
    };
  };
  const result = first.map((output, i) => judge(i, output, 1));
  // Stronger guards cure loops (and the overlong output a loop makes); they
  // cannot lengthen an output that stopped too early, so only those are retried.
  const retry = result.flatMap((r, i) =>
    checkOutput(sentences[i]!, r.text).some((d) => CURABLE.has(d)) ? [i] : [],
  );
  if (retry.length === 0) return result;
  // The retry is kept either way: it ran with the stronger guards.
  const second = await translate(retry.map((i) => request(i, "strong")));
  retry.forEach((i, k) => (result[i] = judge(i, second[k]!, 2)));
  return result;
}

function steerTarget(use: TermUse) {
  return { text: use.translation, count: use.count, term: use.term };
}
