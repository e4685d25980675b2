import {
  NoRepeatNGramLogitsProcessor,
  RepetitionPenaltyLogitsProcessor,
} from "@huggingface/transformers";
import { describe, expect, it } from "vitest";
import { confidenceFromLogProb } from "@/lib/translation/decode";
import { applyLoopGuards } from "@/lib/translation/search/guards";
import { scanTop } from "@/lib/translation/search/logits";

const VOCAB = 8;

/** One step's logits for a batch, shaped as Transformers.js passes them to a processor. */
function logits(rows: number[][]) {
  const batch: { [row: number]: { data: Float32Array }; dims: number[] } = {
    dims: [rows.length, VOCAB],
  };
  rows.forEach((values, i) => (batch[i] = { data: Float32Array.from(values) }));
  return batch;
}

describe("logits", () => {
  it("scans a row once for its best tokens and its log-sum-exp", () => {
    // A vocabulary-sized row whose maximum turns up late and twice, with banned tokens.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 20 - 10;
    const data = Float32Array.from({ length: 50_000 }, random);
    data[123] = -Infinity;
    data[40_000] = 12;
    data[45_000] = 12;
    const top: number[] = [];
    const lse = scanTop(data, 2, top);
    expect(top).toEqual([40_000, 45_000]);
    let sum = 0;
    for (const x of data) sum += Math.exp(x - 12);
    expect(lse).toBeCloseTo(12 + Math.log(sum), 5);
    // A row banned entirely (every logit -Infinity) has no probability mass at all.
    expect(scanTop(new Float32Array(8).fill(-Infinity), 2, top)).toBe(-Infinity);
    expect(top).toEqual([]);
  });

  it("gives the best tokens best first, the lower token first among equals, never a banned one", () => {
    const row = Float32Array.from([1, 5, -Infinity, 5, 3, -Infinity, 0, 4]);
    const top: number[] = [];
    scanTop(row, 3, top);
    expect(top).toEqual([1, 3, 7]);
    scanTop(row, 10, top);
    expect(top).toEqual([1, 3, 7, 4, 0, 6]);
  });

  it("turns a mean log-probability into a confidence between 0 and 1", () => {
    expect(confidenceFromLogProb(0)).toBe(1);
    expect(confidenceFromLogProb(Math.log(0.25))).toBeCloseTo(0.25, 9);
    expect(confidenceFromLogProb(-Infinity)).toBe(0);
  });
});

describe("the loop guards", () => {
  it("change the logits exactly as Transformers.js's own processors would, one step at a time", () => {
    for (const guards of [
      { no_repeat_ngram_size: 4, repetition_penalty: 1.2 },
      { no_repeat_ngram_size: 2, repetition_penalty: 1.2 },
      { no_repeat_ngram_size: 3, repetition_penalty: 1 },
      { no_repeat_ngram_size: 0, repetition_penalty: 1.2 },
    ]) {
      const theirs = [
        new RepetitionPenaltyLogitsProcessor(guards.repetition_penalty),
        new NoRepeatNGramLogitsProcessor(guards.no_repeat_ngram_size),
      ];
      // A row that keeps repeating a few tokens (never </s>), with logits of both signs.
      let seed = guards.no_repeat_ngram_size + 11;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const start = 1;
      const generated: number[] = [];
      for (let s = 0; s < 40; s++) {
        const values = Array.from({ length: VOCAB }, () => random() * 8 - 4);
        const expected = logits([values]);
        const ids = [start, ...generated].map(BigInt);
        for (const [i, p] of theirs.entries()) {
          if (i === 0 && guards.repetition_penalty === 1) continue;
          if (i === 1 && guards.no_repeat_ngram_size === 0) continue;
          p._call([ids], expected as never);
        }
        const actual = Float32Array.from(values);
        applyLoopGuards(actual, [start], generated, guards);
        expect(Array.from(actual)).toEqual(Array.from(expected[0]!.data));
        generated.push(2 + Math.floor(random() * 4));
      }
    }
  });
});
