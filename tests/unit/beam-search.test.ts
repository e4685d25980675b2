import { describe, expect, it } from "vitest";
import { beamSearch, type SearchOptions, type StepModel } from "@/lib/translation/search/beam";
import { ConstraintTracker, type ConstraintState } from "@/lib/translation/search/constraints";

// A synthetic model over a small vocabulary: token 0 is </s>, tokens 1..5 are
// the words below, and each prefix gets its own fixed, uneven logits.
const WORDS = ["</s>", "Kim", "met", "Putin", "in", "Russia"];
const VOCAB = WORDS.length;
const EOS = 0;
const piece = (token: number) => (token === EOS ? "" : ` ${WORDS[token]}`);

function logitsFor(prefix: readonly number[], seed: number): Float32Array {
  // A deterministic hash of the prefix: different prefixes, different logits.
  let h = 2166136261 ^ seed;
  for (const t of prefix) h = Math.imul(h ^ (t + 7), 16777619);
  const row = new Float32Array(VOCAB);
  for (let v = 0; v < VOCAB; v++) {
    h = Math.imul(h ^ (v + 13), 16777619);
    row[v] = ((h >>> 8) % 1000) / 250; // 0..4
  }
  return row;
}

/** A step model over the synthetic scores, keeping each row's prefix as the search moves rows. */
function syntheticModel(sentences: number, seed: number): StepModel {
  let prefixes: number[][] = [];
  const batch = () => {
    const data = new Float32Array(prefixes.length * VOCAB);
    prefixes.forEach((p, r) => data.set(logitsFor(p, seed + sentenceOf[r]!), r * VOCAB));
    return { data, vocab: VOCAB };
  };
  let sentenceOf: number[] = [];
  return {
    async start() {
      prefixes = Array.from({ length: sentences }, () => []);
      sentenceOf = prefixes.map((_, i) => i);
      return batch();
    },
    async next(parents, tokens, rowSentences) {
      prefixes = parents.map((p, i) => [...prefixes[p]!, tokens[i]!]);
      sentenceOf = [...rowSentences];
      return batch();
    },
  };
}

function logSoftmax(row: Float32Array): number[] {
  const max = Math.max(...row);
  const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
  return Array.from(row, (v) => v - lse);
}

const OPTIONS: SearchOptions = {
  beams: 1,
  lengthPenalty: 1,
  eos: [EOS],
  banned: [],
  prefix: [99],
  forcedEos: false,
};

/**
 * Every sequence of at most `max` tokens: ended by </s>, or cut at the cap.
 * The best by mean log-probability per token, among those `allowed` accepts.
 */
function exhaustive(
  seed: number,
  max: number,
  allowed: (tokens: number[], ended: boolean) => boolean = () => true,
): number[] {
  let best: { tokens: number[]; score: number } | null = null;
  const consider = (tokens: number[], sum: number, length: number, ended: boolean) => {
    if (!allowed(tokens, ended)) return;
    const score = sum / length;
    if (!best || score > best.score) best = { tokens, score };
  };
  const walk = (tokens: number[], sum: number) => {
    const lp = logSoftmax(logitsFor(tokens, seed));
    consider(tokens, sum + lp[EOS]!, tokens.length + 1, true);
    if (tokens.length + 1 >= max) {
      // The next token is the last the cap allows: a word there is cut, not ended.
      for (let v = 1; v < VOCAB; v++)
        consider([...tokens, v], sum + lp[v]!, tokens.length + 1, false);
      return;
    }
    for (let v = 1; v < VOCAB; v++) walk([...tokens, v], sum + lp[v]!);
  };
  walk([], 0);
  return best!.tokens;
}

describe("beam search on a synthetic model", () => {
  it("with one beam, picks the best token at every step (greedy decoding)", async () => {
    for (const seed of [1, 2, 3]) {
      const [found] = await beamSearch(syntheticModel(1, seed), [{ maxNewTokens: 6 }], OPTIONS);
      const greedy: number[] = [];
      for (;;) {
        const lp = logSoftmax(logitsFor(greedy, seed));
        const token = lp.indexOf(Math.max(...lp));
        if (token === EOS || greedy.length + 1 >= 6) {
          if (token !== EOS) greedy.push(token);
          break;
        }
        greedy.push(token);
      }
      expect(found!.tokens).toEqual(greedy);
    }
  });

  it("finds the sequence an exhaustive enumeration finds once the beam is wide enough", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const max = 4;
      const expected = exhaustive(seed, max);
      const [found] = await beamSearch(syntheticModel(1, seed), [{ maxNewTokens: max }], {
        ...OPTIONS,
        beams: VOCAB ** max,
      });
      expect(found!.tokens).toEqual(expected);
    }
  });

  it("searches several sentences in one batch as it would each alone", async () => {
    const options = { ...OPTIONS, beams: 3 };
    const together = await beamSearch(
      syntheticModel(3, 10),
      [{ maxNewTokens: 5 }, { maxNewTokens: 5 }, { maxNewTokens: 5 }],
      options,
    );
    for (let s = 0; s < 3; s++) {
      const [alone] = await beamSearch(syntheticModel(1, 10 + s), [{ maxNewTokens: 5 }], options);
      expect(together[s]!.tokens).toEqual(alone!.tokens);
    }
  });

  it("with a rendering to write, finds the best sequence that carries it, as enumeration does", async () => {
    const tracker = () =>
      new ConstraintTracker([{ text: "Putin in", allowed: 1, spellings: [[3, 4]] }], piece);
    for (const seed of [1, 2, 3, 4, 5]) {
      const max = 5;
      const check = tracker();
      const expected = exhaustive(seed, max, (tokens) => {
        let state: ConstraintState | null = check.initial();
        for (const t of tokens) {
          state = check.advance(state, t);
          if (!state) return false;
        }
        return check.complete(state);
      });
      const [found] = await beamSearch(
        syntheticModel(1, seed),
        [{ maxNewTokens: max, constraints: tracker() }],
        { ...OPTIONS, beams: VOCAB ** max },
      );
      expect(found!.complete).toBe(true);
      expect(found!.tokens).toEqual(expected);
      const text = found!.tokens.map(piece).join("");
      expect(text).toContain("Putin in");
    }
  });

  it("keeps a rendering under way in the beam, so a narrow constrained search still writes it", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const [found] = await beamSearch(
        syntheticModel(1, seed),
        [
          {
            maxNewTokens: 8,
            constraints: new ConstraintTracker(
              [{ text: "Putin in Russia", allowed: 1, spellings: [[3, 4, 5]] }],
              piece,
            ),
          },
        ],
        { ...OPTIONS, beams: 2 },
      );
      const text = found!.tokens.map(piece).join("");
      expect(found!.complete).toBe(true);
      // Written once: a second mention of the rendering is never allowed.
      expect(text.match(/Putin in Russia/g)).toHaveLength(1);
    }
  });
});

describe("constraints", () => {
  const tracker = new ConstraintTracker(
    [{ text: "South Korea", allowed: 1, spellings: [[1]], wordings: ["ROK"] }],
    (token) => [" South Korea", "n", " and", " ROK", " the", "'s", " economy"][token - 1] ?? "",
  );
  const write = (tokens: number[]) =>
    tokens.reduce<ConstraintState | null>(
      (s, t) => (s ? tracker.advance(s, t) : null),
      tracker.initial(),
    );

  it("counts a rendering with a plural or possessive as written", () => {
    expect(tracker.complete(write([1])!)).toBe(true);
    expect(tracker.complete(write([1, 6, 7])!)).toBe(true);
    expect(tracker.complete(write([5, 7])!)).toBe(false);
  });

  it("refuses a word made from the rendering beside the rendering, and the model's own wording", () => {
    // "South Korean and South Korea": the adjective uses up the one mention the source allows.
    expect(write([1, 2, 3, 1])).toBeNull();
    // "ROK and South Korea": the model's own wording of the term, then the rendering.
    expect(write([4, 3, 1])).toBeNull();
    expect(write([5, 1, 3])).not.toBeNull();
  });
});
