/**
 * Beam search over a step model, optionally constrained (dynamic beam
 * allocation, Post & Vilar 2018): hypotheses are grouped in banks by how far
 * they have got through the glossary renderings they must write, so the
 * model's own scores decide where a rendering goes, and a finished
 * translation carries every rendering.
 *
 * The search knows nothing of ONNX or tokenizers: a `StepModel` gives each
 * row's next-token logits, and rows are named by the row they continue. That
 * is what lets a test run it on a synthetic scoring function and compare it
 * with an exhaustive enumeration.
 */
import { applyLoopGuards, type LoopGuards } from "./guards";
import { scanTop } from "./logits";
import type { ConstraintState, ConstraintTracker } from "./constraints";

/** Next-token logits for a batch of rows: row r's are `data[r * vocab .. (r + 1) * vocab)`. */
export interface StepLogits {
  data: Float32Array;
  vocab: number;
}

/**
 * The model as the search sees it. `start` gives one row per sentence (after
 * the decoder start token); `next` continues rows: row i of the new batch is
 * `parents[i]` of the previous batch with `tokens[i]` appended, and belongs to
 * sentence `sentences[i]`.
 */
export interface StepModel {
  start(): Promise<StepLogits>;
  next(
    parents: readonly number[],
    tokens: readonly number[],
    sentences: readonly number[],
  ): Promise<StepLogits>;
}

export interface SearchOptions {
  /** Hypotheses kept per sentence (1: greedy decoding). */
  beams: number;
  /** Scores are divided by length ** lengthPenalty to compare finished hypotheses (1: per-token mean). */
  lengthPenalty: number;
  eos: readonly number[];
  /** Tokens never generated (the model's `bad_words_ids` of length one: its pad token). */
  banned: readonly number[];
  /** The tokens every hypothesis begins with (the decoder's start token, a forced language token): the loop guards see them first, as in Transformers.js. */
  prefix: readonly number[];
  guards?: LoopGuards;
  /** Whether `</s>` is forced as the last token at the length cap (the model's `forced_eos_token_id`). */
  forcedEos: boolean;
}

export interface SearchSentence {
  /** Most tokens generated, `</s>` included. */
  maxNewTokens: number;
  /** Renderings the translation must carry; absent for a plain search. */
  constraints?: ConstraintTracker;
  /** Hypotheses kept for this sentence (defaults to the search's `beams`). */
  beams?: number;
}

export interface SearchResult {
  /** Generated tokens, without `</s>`. */
  tokens: number[];
  /** Log-probability of each generated token, `</s>` included when it was written. */
  logProbs: number[];
  /**
   * False when no hypothesis could carry every rendering within the length
   * cap: this is then the best one that carried the most of them.
   */
  complete: boolean;
}

interface Hypothesis {
  tokens: number[];
  logProbs: number[];
  score: number;
  /** Row of the current batch that holds this hypothesis. */
  row: number;
  constraint: ConstraintState | null;
}

interface Candidate {
  parent: Hypothesis;
  /** The parent's rank in its sentence's beam (ties are broken by it, then by token). */
  rank: number;
  token: number;
  logProb: number;
  score: number;
  constraint: ConstraintState | null;
}

interface Finished {
  tokens: number[];
  logProbs: number[];
  normalised: number;
}

interface SentenceState {
  width: number;
  hypotheses: Hypothesis[];
  finished: Finished[];
  done: boolean;
  tracker?: ConstraintTracker;
  /** The best ending of a hypothesis that had not written every rendering, by renderings written. */
  fallback: (Finished & { level: number }) | null;
}

/**
 * Searches every sentence at once (their rows share each model call), and
 * returns one result per sentence, or null for a constrained sentence no
 * hypothesis of which could carry every rendering within its length cap.
 */
export async function beamSearch(
  model: StepModel,
  sentences: readonly SearchSentence[],
  options: SearchOptions,
): Promise<(SearchResult | null)[]> {
  const states: SentenceState[] = sentences.map((s) => ({
    width: Math.max(1, s.beams ?? options.beams),
    hypotheses: [],
    finished: [],
    done: false,
    tracker: s.constraints,
    fallback: null,
  }));
  let logits = await model.start();
  // At the first step every sentence has one hypothesis: the start token alone.
  let rows: { sentence: number; hypothesis: Hypothesis }[] = states.map((state, s) => {
    const hypothesis: Hypothesis = {
      tokens: [],
      logProbs: [],
      score: 0,
      row: s,
      constraint: state.tracker ? state.tracker.initial() : null,
    };
    state.hypotheses = [hypothesis];
    return { sentence: s, hypothesis };
  });

  while (rows.length > 0) {
    const nextRows: { sentence: number; hypothesis: Hypothesis }[] = [];
    for (let s = 0; s < states.length; s++) {
      const state = states[s]!;
      if (state.done) continue;
      const sentence = sentences[s]!;
      const block = Math.min(...state.hypotheses.map((h) => h.row));
      const candidates = expand(state, sentence, logits, options);
      select(state, sentence, candidates, options);
      if (nextRows.length === block) keepPlaces(state, block);
      for (const hypothesis of state.hypotheses) nextRows.push({ sentence: s, hypothesis });
    }
    if (nextRows.length === 0) break;
    const parents = nextRows.map((r) => r.hypothesis.row);
    const tokens = nextRows.map((r) => r.hypothesis.tokens[r.hypothesis.tokens.length - 1]!);
    nextRows.forEach((r, i) => (r.hypothesis.row = i));
    logits = await model.next(
      parents,
      tokens,
      nextRows.map((r) => r.sentence),
    );
    rows = nextRows;
  }

  return states.map((state) => {
    const best = state.finished.reduce<Finished | null>(
      (b, f) => (b === null || f.normalised > b.normalised ? f : b),
      null,
    );
    if (best) return { tokens: best.tokens, logProbs: best.logProbs, complete: true };
    const fallback = state.fallback;
    return fallback
      ? { tokens: fallback.tokens, logProbs: fallback.logProbs, complete: false }
      : null;
  });
}

/**
 * Orders a sentence's new hypotheses so that as many as can stay in the row
 * of the hypothesis they continue: the model's cache then moves only the
 * rows that changed. (`row` still names the parent's row here.)
 */
function keepPlaces(state: SentenceState, block: number): void {
  const hypotheses = state.hypotheses;
  const places: (Hypothesis | null)[] = hypotheses.map(() => null);
  const rest: Hypothesis[] = [];
  for (const h of hypotheses) {
    const place = h.row - block;
    if (place >= 0 && place < places.length && places[place] === null) places[place] = h;
    else rest.push(h);
  }
  state.hypotheses = places.map((h) => h ?? rest.shift()!);
}

/** The candidates of one sentence's hypotheses for the next token. */
function expand(
  state: SentenceState,
  sentence: SearchSentence,
  logits: StepLogits,
  options: SearchOptions,
): Candidate[] {
  const candidates: Candidate[] = [];
  const { vocab } = logits;
  // One more than the beam, so that the beam stays full when `</s>` is among
  // the best. A constrained search's wider beam holds its banks, and the
  // renderings' tokens are proposed anyway: its own beam count of the model's best will do.
  const k = (state.tracker ? options.beams : state.width) + 1;
  state.hypotheses.forEach((hypothesis, rank) => {
    const row = logits.data.subarray(hypothesis.row * vocab, (hypothesis.row + 1) * vocab);
    for (const token of options.banned) row[token] = -Infinity;
    const generated = hypothesis.tokens.length;
    if (options.forcedEos && generated === sentence.maxNewTokens - 1) {
      // The last token the cap allows: `</s>`, certain (as Transformers.js forces it).
      const eos = options.eos[0]!;
      const constraint = hypothesis.constraint;
      if (!state.tracker || state.tracker.canEnd(constraint!))
        candidates.push({
          parent: hypothesis,
          rank,
          token: eos,
          logProb: 0,
          score: hypothesis.score,
          constraint,
        });
      return;
    }
    if (options.guards) applyLoopGuards(row, options.prefix, hypothesis.tokens, options.guards);
    const tracker = state.tracker;
    let lse: number;
    const best: number[] = [];
    if (tracker && !tracker.canEnd(hypothesis.constraint!)) {
      // `</s>` only once every rendering stands; the ending is kept aside in case none can.
      const eos = options.eos[0]!;
      const eosLogit = row[eos]!;
      for (const id of options.eos) row[id] = -Infinity;
      const withEos = logAddExp(scanTop(row, k, best), eosLogit);
      keepFallback(state, hypothesis, eosLogit - withEos, tracker, options);
      lse = withEos;
    } else lse = scanTop(row, k, best);
    const push = (token: number) => {
      const logProb = row[token]! - lse;
      if (!Number.isFinite(logProb)) return;
      let constraint: ConstraintState | null = null;
      if (tracker) {
        constraint = options.eos.includes(token)
          ? hypothesis.constraint
          : tracker.advance(hypothesis.constraint!, token);
        if (constraint === null) return;
      }
      candidates.push({
        parent: hypothesis,
        rank,
        token,
        logProb,
        score: hypothesis.score + logProb,
        constraint,
      });
    };
    for (const token of best) push(token);
    if (tracker) {
      // The tokens that start or continue a rendering, wherever the model ranks them.
      for (const token of tracker.nextTokens(hypothesis.constraint!)) {
        if (!best.includes(token)) push(token);
      }
    }
  });
  candidates.sort(byScore);
  return candidates;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const max = Math.max(a, b);
  return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
}

function keepFallback(
  state: SentenceState,
  hypothesis: Hypothesis,
  eosLogProb: number,
  tracker: ConstraintTracker,
  options: SearchOptions,
): void {
  if (!Number.isFinite(eosLogProb) || hypothesis.tokens.length === 0) return;
  const level = tracker.written(hypothesis.constraint!);
  const normalised = normalise(
    hypothesis.score + eosLogProb,
    hypothesis.tokens.length + 1,
    options,
  );
  const current = state.fallback;
  if (
    current &&
    (current.level > level || (current.level === level && current.normalised >= normalised))
  )
    return;
  state.fallback = {
    tokens: hypothesis.tokens,
    logProbs: [...hypothesis.logProbs, eosLogProb],
    normalised,
    level,
  };
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.rank - b.rank || a.token - b.token;
}

/** Chooses the sentence's next beam from its candidates, and moves those that end to its finished list. */
function select(
  state: SentenceState,
  sentence: SearchSentence,
  candidates: Candidate[],
  options: SearchOptions,
): void {
  const width = state.width;
  const live: Candidate[] = [];
  // As in beam search everywhere, an ending counts only among the best `width`
  // candidates; with renderings to write, among the best of those that carry them all.
  let rank = 0;
  for (const candidate of candidates) {
    const complete = !state.tracker || state.tracker.canEnd(candidate.constraint!);
    if (options.eos.includes(candidate.token)) {
      if (rank < width) finish(state, candidate, options);
    } else live.push(candidate);
    if (complete) rank++;
  }
  const chosen = state.tracker ? allocate(live, width, state.tracker) : live.slice(0, width);
  state.hypotheses = chosen.map((c) => ({
    tokens: [...c.parent.tokens, c.token],
    logProbs: [...c.parent.logProbs, c.logProb],
    score: c.score,
    row: c.parent.row,
    constraint: c.constraint,
  }));
  // A hypothesis at the cap without forced `</s>` ends there, cut.
  const capped = state.hypotheses.filter((h) => h.tokens.length >= sentence.maxNewTokens);
  for (const h of capped) {
    if (!state.tracker || state.tracker.canEnd(h.constraint!)) {
      addFinished(state, {
        tokens: h.tokens,
        logProbs: h.logProbs,
        normalised: normalise(h.score, h.tokens.length, options),
      });
    }
  }
  state.hypotheses = state.hypotheses.filter((h) => h.tokens.length < sentence.maxNewTokens);
  state.done = state.hypotheses.length === 0 || isDone(state, options);
}

function finish(state: SentenceState, candidate: Candidate, options: SearchOptions): void {
  const tokens = candidate.parent.tokens;
  const logProbs = [...candidate.parent.logProbs, candidate.logProb];
  // Length counts the `</s>` written.
  addFinished(state, {
    tokens,
    logProbs,
    normalised: normalise(candidate.score, tokens.length + 1, options),
  });
}

function addFinished(state: SentenceState, finished: Finished): void {
  state.finished.push(finished);
  if (state.finished.length > state.width) {
    state.finished.sort((a, b) => b.normalised - a.normalised);
    state.finished.length = state.width;
  }
}

function normalise(score: number, length: number, options: SearchOptions): number {
  return score / Math.pow(Math.max(1, length), options.lengthPenalty);
}

/**
 * Whether a sentence can stop: it has as many finished hypotheses as beams
 * and none still running scores, as things stand, above the worst of them.
 * With one beam, the first ending stops it (greedy decoding).
 */
function isDone(state: SentenceState, options: SearchOptions): boolean {
  // A constrained search's wider beam holds its banks; as many endings as a plain search needs will do.
  const enough = Math.min(state.width, options.beams);
  if (state.finished.length < enough) return false;
  if (enough === 1) return true;
  const ranked = [...state.finished].sort((a, b) => b.normalised - a.normalised);
  const worst = ranked[enough - 1]!.normalised;
  const best = Math.max(
    ...state.hypotheses.map((h) => normalise(h.score, h.tokens.length, options)),
  );
  return best <= worst;
}

/**
 * Dynamic beam allocation: the beam's places go round the banks of progress
 * through the renderings, the furthest bank first, each taking its best
 * candidate in turn; places a bank cannot fill go to the others. So a
 * hypothesis that has written a rendering is never crowded out by those that
 * have not, nor they by it.
 */
function allocate(candidates: Candidate[], width: number, tracker: ConstraintTracker): Candidate[] {
  const banks = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const level = tracker.level(c.constraint!);
    const bank = banks.get(level);
    if (bank) bank.push(c);
    else banks.set(level, [c]);
  }
  const order = [...banks.keys()].sort((a, b) => b - a).map((level) => banks.get(level)!);
  const chosen: Candidate[] = [];
  const next = order.map(() => 0);
  while (chosen.length < width) {
    let took = false;
    for (let b = 0; b < order.length && chosen.length < width; b++) {
      const bank = order[b]!;
      if (next[b]! < bank.length) {
        chosen.push(bank[next[b]!]!);
        next[b] = next[b]! + 1;
        took = true;
      }
    }
    if (!took) break;
  }
  return chosen.sort(byScore);
}
