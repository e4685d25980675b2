/**
 * Decoding: the guards against loops, and the logits processor that applies
 * them, records each sentence's confidence and steers decoding toward
 * glossary renderings. Transformers.js decodes greedily and returns no scores;
 * a processor passed to `generate()` sees every step's logits and may change
 * them before the next token is picked.
 *
 * Everything a caller passes in or gets back is plain data, so requests and
 * results can cross a worker boundary unchanged.
 */

/** How hard decoding pushes back against repetition. */
export type GuardLevel = "normal" | "strong";

/**
 * Guards per guard level, named as the generation options of the same effect
 * (Transformers.js's `repetition_penalty` and `no_repeat_ngram_size`, which the
 * processor applies in their place: see `LoopGuards`), chosen with `npm run bench:terms` (see
 * the README): the normal level leaves every training sentence of both
 * fixtures exactly as without guards; the strong level is tried only on a
 * sentence whose first output was degenerate.
 */
export const GUARDS: Record<
  GuardLevel,
  { no_repeat_ngram_size: number; repetition_penalty: number }
> = {
  normal: { no_repeat_ngram_size: 4, repetition_penalty: 1.2 },
  strong: { no_repeat_ngram_size: 2, repetition_penalty: 1.2 },
};

/** A glossary rendering the output should contain. */
export interface SteerTarget {
  /** English rendering, e.g. "UN Security Council". */
  text: string;
  /** Where the term stands in the source, 0 (start) to 1 (end). */
  at: number;
}

export interface SentenceRequest {
  source: string;
  guard?: GuardLevel;
  /** Renderings to steer decoding toward (only those the plain output lacked). */
  steer?: SteerTarget[];
  /** Length in tokens of an earlier output for this sentence, to place the renderings. */
  expectedTokens?: number;
}

export interface SentenceResult {
  text: string;
  /** Mean log-probability of the tokens the model chose (steered tokens excluded). */
  meanLogProb: number;
  /** 0-1: the geometric mean of those tokens' probabilities. */
  confidence: number;
  /** Generated tokens, end-of-sentence included. */
  tokens: number;
  /** Renderings of `steer` that decoding had to force (the model did not choose them). */
  forced: string[];
}

/** exp(mean log-probability): 1 when every token was certain, toward 0 as the model hesitates. */
export function confidenceFromLogProb(meanLogProb: number): number {
  if (!Number.isFinite(meanLogProb)) return 0;
  return Math.min(1, Math.max(0, Math.exp(meanLogProb)));
}

/** Sentences below this confidence are marked for review in the reader and counted in the library. */
export const LOW_CONFIDENCE = 0.5;

// --------------------------------------------------------------------------
// Steering plan: token sequences per rendering, prepared once per row
// --------------------------------------------------------------------------

export interface RenderingPlan {
  text: string;
  /** Token spellings of the rendering: as written, capitalised, without a leading "the". */
  variants: { ids: number[]; capitalised: boolean; article: boolean }[];
  /** Earliest step at which the rendering may start, and the step by which it must. */
  from: number;
  deadline: number;
  /** How far below the model's best token the rendering's first may be and still start it. */
  margin: number;
}

export interface RowPlan {
  renderings: RenderingPlan[];
}

/** Tokens the plan needs from the tokenizer. */
export interface PlanTokens {
  encode(text: string): number[];
  unknownId: number | undefined;
}

// How early (in tokens) before its expected place a rendering may start if the
// model leans toward it, and how late it may be before it is forced in.
const EARLY = 3;
const LATE = 1;
// Without an earlier output the place is a guess from the source's length, so
// a rendering may come later before it is forced in, and starts early only
// where the model itself chooses it: an output that carries every rendering
// by itself is then left as the model wrote it.
const LATE_GUESSED = 3;
// A rendering starts by itself when its first token's logit is within this
// margin of the best one: the model was close to choosing it.
const MARGIN = 3;

/**
 * Plans the renderings of one sentence. A rendering whose tokens include the
 * unknown token cannot be spelled by the model's vocabulary and is left out.
 * `sourceTokens` (the source's length in tokens) places the renderings where
 * there is no `expectedTokens`; nothing else reads it.
 */
export function planRow(
  steer: readonly SteerTarget[] | undefined,
  expectedTokens: number | undefined,
  tokens: PlanTokens,
  sourceTokens: number,
): RowPlan {
  const length = expectedTokens ?? sourceTokens;
  const guessed = expectedTokens === undefined;
  const late = guessed ? LATE_GUESSED : LATE;
  const renderings: RenderingPlan[] = [];
  for (const target of [...(steer ?? [])].sort((a, b) => a.at - b.at)) {
    const forms = new Map<string, { capitalised: boolean; article: boolean }>();
    const add = (text: string, capitalised: boolean, article: boolean) => {
      if (text && !forms.has(text)) forms.set(text, { capitalised, article });
    };
    const base = target.text.trim();
    const bare = base.replace(/^the\s+/i, "");
    add(base, false, true);
    add(capitalise(base), true, true);
    if (bare !== base) {
      add(bare, false, false);
      add(capitalise(bare), true, false);
    }
    const variants = [...forms].flatMap(([text, kind]) => {
      const ids = tokens.encode(text);
      return ids.length > 0 && !ids.includes(tokens.unknownId ?? -1) ? [{ ids, ...kind }] : [];
    });
    if (variants.length === 0) continue;
    const place = Math.round(Math.min(1, Math.max(0, target.at)) * Math.max(1, length));
    renderings.push({
      text: target.text,
      variants,
      from: Math.max(0, place - EARLY),
      deadline: place + late,
      margin: guessed ? 0 : MARGIN,
    });
  }
  return { renderings };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// --------------------------------------------------------------------------
// The logits processor
// --------------------------------------------------------------------------

interface LogitsRow {
  data: Float32Array;
}
type LogitsBatch = { [row: number]: LogitsRow; dims: number[] };

interface RowState {
  plan: RowPlan;
  pending: Set<number>;
  active: { rendering: number; ids: number[]; next: number; displaced: number | null } | null;
  /** The token the model wanted where a forced rendering went in: banned once after it. */
  displaced: number | null;
  logProbSum: number;
  counted: number;
  steps: number;
  finished: boolean;
  forced: Set<number>;
  /** The row's tokens so far as numbers, the distinct ones, and the n-grams they make (for the guards). */
  tokens: number[];
  distinct: Set<number>;
  /** Tokens that followed each (n-1)-gram of the row, by its key. */
  followers: Map<string, number[]>;
  /** Length of the row at its first step (the decoder's start tokens). */
  startLength: number;
}

/**
 * The loop guards as the processor applies them, with the same effect on the
 * logits as Transformers.js's own processors for the generation options of the
 * same names (a repetition penalty on every token the row holds, then a ban on
 * any token that would repeat an n-gram of the row), but kept up to date one
 * token at a time instead of rebuilt from the whole row at every step, and
 * skipped for rows that have finished.
 */
export interface LoopGuards {
  no_repeat_ngram_size: number;
  repetition_penalty: number;
  /**
   * Set when the model's generation config forces `</s>` at the length cap:
   * the number of tokens after which the last step is forced, where the guards
   * have no effect (Transformers.js applies them before forcing).
   */
  forcedEosAfter?: number;
}

export interface DecodeTokens {
  eos: readonly number[];
  /** Tokens that may end a sentence ("." "!" "?"): a pending rendering goes in before them. */
  sentenceEnd: ReadonlySet<number>;
  /** Tokens after which the rendering's leading "the" is dropped ("the", "The"). */
  articles: ReadonlySet<number>;
}

/**
 * One processor per `generate()` call, with one state per row of the batch.
 * At every step, for each row still decoding: it notes the log-probability of
 * the model's own distribution, continues a rendering it has started, starts a
 * pending one where the model leans toward it (or forces it in once it is late
 * or the sentence would end without it), then records the log-probability of
 * the token that greedy decoding will pick, unless steering picked it.
 */
export class DecodeProcessor {
  private readonly rows: RowState[];
  /** Reused by every row and step: the processor allocates nothing per step. */
  private readonly scanned: Scan = { best: 0, logSumExp: 0 };

  constructor(
    plans: readonly RowPlan[],
    private readonly tokens: DecodeTokens,
    private readonly guards?: LoopGuards,
  ) {
    this.rows = plans.map((plan) => ({
      plan,
      pending: new Set(plan.renderings.map((_, i) => i)),
      active: null,
      logProbSum: 0,
      counted: 0,
      steps: 0,
      finished: false,
      forced: new Set(),
      displaced: null,
      tokens: [],
      distinct: new Set(),
      followers: new Map(),
      startLength: -1,
    }));
  }

  /** The function passed in `generate({ logits_processor: [processor.asProcessor()] })`. */
  asProcessor(): (inputIds: bigint[][], logits: LogitsBatch) => LogitsBatch {
    return (inputIds, logits) => {
      for (let r = 0; r < this.rows.length; r++) {
        const state = this.rows[r]!;
        const ids = inputIds[r];
        const row = logits[r];
        if (!ids || !row) continue;
        if (!state.finished && ids.length > 1) {
          state.finished = this.tokens.eos.includes(Number(ids[ids.length - 1]));
        }
        if (state.finished) {
          // Batched generation decodes every row until all of their last tokens
          // are </s> at once. A finished row must keep writing </s>: the n-gram
          // guard would ban its fourth </s> in a row and the whole batch would
          // then run to its length cap.
          force(row.data, this.tokens.eos[0]!);
          continue;
        }
        this.step(state, ids, row.data);
      }
      return logits;
    };
  }

  private step(state: RowState, ids: bigint[], data: Float32Array): void {
    if (this.guards) this.guard(state, ids, data, this.guards);
    const { best, logSumExp: lse } = scan(data, this.scanned);
    const forcedToken = this.steer(state, ids, data, best);
    const chosen = forcedToken ?? best;
    if (forcedToken === null || forcedToken === best) {
      const lp = (data[chosen] ?? -Infinity) - lse;
      if (Number.isFinite(lp)) {
        state.logProbSum += lp;
        state.counted++;
      }
    }
    if (forcedToken !== null) force(data, forcedToken);
    state.steps++;
  }

  /** Applies the loop guards to a row that is still decoding. */
  private guard(state: RowState, ids: bigint[], data: Float32Array, guards: LoopGuards): void {
    const n = guards.no_repeat_ngram_size;
    if (state.startLength < 0) state.startLength = ids.length;
    const tokens = state.tokens;
    for (let p = tokens.length; p < ids.length; p++) {
      const token = Number(ids[p]);
      tokens.push(token);
      state.distinct.add(token);
      if (n > 0 && p >= n - 1) {
        const key = ngramKey(tokens, p - n + 1, p);
        const followers = state.followers.get(key);
        if (followers) followers.push(token);
        else state.followers.set(key, [token]);
      }
    }
    if (
      guards.forcedEosAfter !== undefined &&
      ids.length === state.startLength + guards.forcedEosAfter - 1
    ) {
      return;
    }
    const penalty = guards.repetition_penalty;
    if (penalty !== 1) {
      for (const token of state.distinct) {
        const v = data[token]!;
        data[token] = v < 0 ? v * penalty : v / penalty;
      }
    }
    if (n > 0 && tokens.length >= n - 1) {
      const banned = state.followers.get(ngramKey(tokens, tokens.length - n + 1, tokens.length));
      if (banned) for (const token of banned) data[token] = -Infinity;
    }
  }

  /** The token steering imposes at this step, or null to let the model choose. */
  private steer(state: RowState, ids: bigint[], data: Float32Array, best: number): number | null {
    if (state.active) {
      const token = state.active.ids[state.active.next]!;
      state.active.next++;
      if (state.active.next >= state.active.ids.length) {
        state.pending.delete(state.active.rendering);
        state.displaced = state.active.displaced;
        state.active = null;
      }
      return token;
    }
    if (state.displaced !== null) {
      // The rendering stands for what the model was about to write (often its
      // own version of the term): that word does not follow it.
      const displaced = state.displaced;
      state.displaced = null;
      if (displaced === best) {
        data[displaced] = -Infinity;
        best = argmax(data);
      }
    }
    // A rendering the model has written by itself, wherever, is done.
    for (const index of state.pending) {
      if (state.plan.renderings[index]!.variants.some((v) => endsWith(ids, v.ids))) {
        state.pending.delete(index);
      }
    }
    if (state.pending.size === 0) return null;
    const step = state.steps;
    const previous = ids.length > 1 ? Number(ids[ids.length - 1]) : null;
    const atStart = previous === null || this.tokens.sentenceEnd.has(previous);
    const afterArticle = previous !== null && this.tokens.articles.has(previous);
    const ending = this.tokens.eos.includes(best) || this.tokens.sentenceEnd.has(best);
    for (const index of [...state.pending].sort((a, b) => a - b)) {
      const rendering = state.plan.renderings[index]!;
      if (step < rendering.from && !ending) continue;
      const variant = pickVariant(rendering, atStart, afterArticle);
      const first = variant.ids[0]!;
      const close = (data[first] ?? -Infinity) >= (data[best] ?? 0) - rendering.margin;
      if (!close && !ending && step < rendering.deadline) continue;
      const displaced =
        first !== best && !this.tokens.eos.includes(best) && !this.tokens.sentenceEnd.has(best)
          ? best
          : null;
      if (first !== best) state.forced.add(index);
      if (variant.ids.length > 1) {
        state.active = { rendering: index, ids: variant.ids, next: 1, displaced };
      } else {
        state.pending.delete(index);
        state.displaced = displaced;
      }
      return first;
    }
    return null;
  }

  /** Per row: mean log-probability, confidence, and which renderings were forced. */
  results(): { meanLogProb: number; confidence: number; forced: string[] }[] {
    return this.rows.map((state) => {
      const meanLogProb = state.counted > 0 ? state.logProbSum / state.counted : -Infinity;
      return {
        meanLogProb,
        confidence: confidenceFromLogProb(meanLogProb),
        forced: [...state.forced].map((i) => state.plan.renderings[i]!.text),
      };
    });
  }
}

function pickVariant(rendering: RenderingPlan, atStart: boolean, afterArticle: boolean) {
  const fits = (v: RenderingPlan["variants"][number]) =>
    v.capitalised === atStart && (afterArticle ? !v.article : v.article);
  return (
    rendering.variants.find(fits) ??
    rendering.variants.find((v) => v.capitalised === atStart) ??
    rendering.variants[0]!
  );
}

/** A key for tokens[from..to) (an (n-1)-gram). */
function ngramKey(tokens: readonly number[], from: number, to: number): string {
  let key = "";
  for (let i = from; i < to; i++) key += tokens[i] + ",";
  return key;
}

function endsWith(ids: readonly bigint[], tail: readonly number[]): boolean {
  if (tail.length === 0 || ids.length < tail.length) return false;
  const offset = ids.length - tail.length;
  return tail.every((t, i) => Number(ids[offset + i]) === t);
}

function force(data: Float32Array, token: number): void {
  data.fill(-Infinity);
  data[token] = 0;
}

function argmax(data: Float32Array): number {
  let best = 0;
  let value = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v > value) {
      value = v;
      best = i;
    }
  }
  return best;
}

// exp(-x) for x in [0, EXP_RANGE), EXP_STEPS per unit, read with linear
// interpolation (relative error below 1e-5). The scan runs over the whole
// vocabulary for every row at every step, and a table read costs a fraction
// of Math.exp; terms more than EXP_RANGE below the maximum add less than
// e^-24 each and are left out. Each entry is stored with its difference to
// the next one, so that one read of adjacent numbers serves the interpolation.
const EXP_RANGE = 24;
const EXP_STEPS = 256;
const EXP_LIMIT = EXP_RANGE * EXP_STEPS;
const EXP_TABLE = (() => {
  const exp = Float64Array.from({ length: EXP_LIMIT + 2 }, (_, i) => Math.exp(-i / EXP_STEPS));
  const table = new Float64Array(2 * (EXP_LIMIT + 1));
  for (let k = 0; k <= EXP_LIMIT; k++) {
    table[2 * k] = exp[k]!;
    table[2 * k + 1] = exp[k + 1]! - exp[k]!;
  }
  return table;
})();

interface Scan {
  /** The first index of the largest logit (the token greedy decoding picks). */
  best: number;
  /** log(sum(exp(logits))). */
  logSumExp: number;
}

/**
 * One pass over a row's logits: the best token and the log of the sum of
 * exponentials, relative to the largest logit seen so far (the sum is scaled
 * down whenever a larger one turns up, which happens a handful of times per
 * row). Writes into `out` and returns it.
 */
export function scan(data: Float32Array, out: Scan): Scan {
  const table = EXP_TABLE;
  const n = data.length;
  let max = -Infinity;
  let best = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v > max) {
      if (sum !== 0) sum *= Math.exp(max - v);
      max = v;
      best = i;
    }
    const x = (max - v) * EXP_STEPS;
    if (x < EXP_LIMIT) {
      const k = x | 0;
      const j = k << 1;
      sum += table[j]! + (x - k) * table[j + 1]!;
    }
  }
  out.best = best;
  out.logSumExp = Number.isFinite(max) ? max + Math.log(sum) : max;
  return out;
}
