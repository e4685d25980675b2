import {
  NoRepeatNGramLogitsProcessor,
  RepetitionPenaltyLogitsProcessor,
} from "@huggingface/transformers";
import { describe, expect, it } from "vitest";
import { DecodeProcessor, confidenceFromLogProb, planRow, scan } from "@/lib/translation/decode";

const EOS = 0;
const VOCAB = 8;
const tokens = { eos: [EOS], sentenceEnd: new Set([5]), articles: new Set<number>() };

/** One step's logits for a batch, shaped as Transformers.js passes them to a processor. */
function logits(rows: number[][]) {
  const batch: { [row: number]: { data: Float32Array }; dims: number[] } = {
    dims: [rows.length, VOCAB],
  };
  rows.forEach((values, i) => (batch[i] = { data: Float32Array.from(values) }));
  return batch;
}

function argmax(data: Float32Array): number {
  return data.indexOf(Math.max(...data));
}

describe("the decoding processor", () => {
  it("keeps a finished row writing </s> even where the n-gram guard banned it, so a batch stops with its longest row", () => {
    const processor = new DecodeProcessor([{ renderings: [] }, { renderings: [] }], tokens);
    const step = processor.asProcessor();
    // Row 0 has finished (its last token is </s>); the guard has banned a
    // further </s> (-Infinity) and the model prefers token 3. Row 1 is still writing.
    const out = step(
      [
        [1n, 4n, 0n, 0n, 0n],
        [1n, 4n, 6n, 7n, 2n],
      ],
      logits([
        [-Infinity, 0, 0, 9, 0, 0, 0, 0],
        [1, 0, 0, 9, 0, 0, 0, 0],
      ]),
    );
    expect(argmax(out[0]!.data)).toBe(EOS);
    expect(argmax(out[1]!.data)).toBe(3);
  });

  it("scores a certain sentence near 1 and a hesitant one lower", () => {
    const processor = new DecodeProcessor([{ renderings: [] }, { renderings: [] }], tokens);
    const step = processor.asProcessor();
    for (let i = 0; i < 3; i++) {
      step(
        [[1n], [1n]],
        logits([
          [0, 0, 0, 30, 0, 0, 0, 0],
          [0, 0, 1, 1.2, 1, 0, 0, 0],
        ]),
      );
    }
    const [certain, hesitant] = processor.results();
    expect(certain!.confidence).toBeGreaterThan(0.99);
    expect(hesitant!.confidence).toBeLessThan(0.5);
    // The mean log-probability is the log-softmax of the chosen token (within the table's error).
    const lse = Math.log([0, 0, 1, 1.2, 1, 0, 0, 0].reduce((s, x) => s + Math.exp(x), 0));
    expect(hesitant!.meanLogProb).toBeCloseTo(1.2 - lse, 4);
    expect(confidenceFromLogProb(hesitant!.meanLogProb)).toBeCloseTo(hesitant!.confidence, 6);
  });

  it("forces a pending rendering in before the sentence would end, even right after another one", () => {
    const two = planRow(
      [
        { text: "Politburo", at: 0 },
        { text: "KCNA", at: 0 },
      ],
      1,
      { encode: (text) => (text.startsWith("P") ? [6] : [7]), unknownId: 1 },
      8,
    );
    const processor = new DecodeProcessor([two], tokens);
    const step = processor.asProcessor();
    const wants = (token: number) =>
      logits([Array.from({ length: VOCAB }, (_, i) => (i === token ? 9 : 0))]);
    // Step 0: nothing is due yet. Step 1: the first rendering is due and goes
    // in where the model wanted token 3.
    expect(argmax(step([[1n]], wants(2))[0]!.data)).toBe(2);
    expect(argmax(step([[1n, 2n]], wants(3))[0]!.data)).toBe(6);
    // The model then wants to end: the second rendering goes in, not </s>.
    expect(argmax(step([[1n, 2n, 6n]], wants(EOS))[0]!.data)).toBe(7);
    expect(processor.results()[0]!.forced).toEqual(["Politburo", "KCNA"]);
  });

  it("leaves a rendering the model wrote by itself alone, wherever it wrote it", () => {
    // A one-token rendering (token 6) planned for the end of an 8-token output.
    const plan = planRow(
      [{ text: "Politburo", at: 1 }],
      undefined,
      { encode: () => [6], unknownId: 1 },
      8,
    );
    const processor = new DecodeProcessor([plan], tokens);
    const step = processor.asProcessor();
    // The model wrote token 6 itself at the first step, long before its planned place, then wants to end.
    step([[1n]], logits([[0, 0, 0, 0, 0, 0, 9, 0]]));
    const out = step([[1n, 6n]], logits([[9, 0, 0, 0, 0, 0, 0, 0]]));
    expect(argmax(out[0]!.data)).toBe(EOS);
    expect(processor.results()[0]!.forced).toEqual([]);
  });

  it("scans a row once for its first best token and its log-sum-exp", () => {
    // A vocabulary-sized row whose maximum turns up late and twice, with banned tokens.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 20 - 10;
    const data = Float32Array.from({ length: 50_000 }, random);
    data[123] = -Infinity;
    data[40_000] = 12;
    data[45_000] = 12;
    const out = scan(data, { best: -1, logSumExp: 0 });
    expect(out.best).toBe(40_000);
    let sum = 0;
    for (const x of data) sum += Math.exp(x - 12);
    expect(out.logSumExp).toBeCloseTo(12 + Math.log(sum), 5);
    // A row banned entirely (every logit -Infinity) has no probability mass at all.
    const banned = scan(new Float32Array(8).fill(-Infinity), out);
    expect(banned.best).toBe(0);
    expect(banned.logSumExp).toBe(-Infinity);
  });

  it("applies the loop guards exactly as Transformers.js's own processors would, one step at a time", () => {
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
      const processor = new DecodeProcessor([{ renderings: [] }], tokens, guards);
      const step = processor.asProcessor();
      // A row that keeps repeating a few tokens (never </s>), with logits of both signs.
      let seed = guards.no_repeat_ngram_size + 11;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const ids: bigint[] = [1n];
      for (let s = 0; s < 40; s++) {
        const values = Array.from({ length: VOCAB }, () => random() * 8 - 4);
        const expected = logits([values]);
        for (const [i, p] of theirs.entries()) {
          if (i === 0 && guards.repetition_penalty === 1) continue;
          if (i === 1 && guards.no_repeat_ngram_size === 0) continue;
          p._call([ids], expected as never);
        }
        const actual = step([ids.slice()], logits([values]));
        expect(Array.from(actual[0]!.data)).toEqual(Array.from(expected[0]!.data));
        ids.push(BigInt(2 + Math.floor(random() * 4)));
      }
    }
  });
});
