import { diffWords } from "diff";
import { foldCase } from "../text/fold";
import { wordParts } from "../text/words";

/**
 * Fuzzy translation-memory matching and the project's word diff.
 *
 * Similarity is measured on words, not characters: translators think in words,
 * and "one word changed" should score the same whether the word is short or long.
 */

export interface FuzzyCandidate<T> {
  /** The stored source sentence. */
  key: string;
  payload: T;
}

export interface FuzzyMatch<T> {
  /** 0..1 */
  score: number;
  /** The score as a whole percentage, rounded down so that only equal word sequences show 100. */
  percent: number;
  payload: T;
  /** From the candidate's source (removed parts) to the query (added parts). */
  diff: WordDiffPart[];
}

export interface BestMatchOptions {
  /** Minimum score, 0..1. Default 0.75. */
  threshold?: number;
  /** Maximum number of matches. Default 3. */
  limit?: number;
}

export interface WordDiffPart {
  value: string;
  type: "same" | "added" | "removed";
}

const EPSILON = 1e-9;

/** Lower-cased word parts: punctuation, whitespace and hyphens only separate them. */
export function tokenize(text: string): string[] {
  return wordParts(text).map((w) => foldCase(text.slice(w.start, w.end)));
}

/**
 * Word-level Levenshtein distance, computed only inside the diagonal band that
 * can still give a distance <= max. Returns max + 1 as soon as the distance is
 * known to exceed max, which is what keeps a scan over many candidates cheap.
 */
function boundedDistance(a: ArrayLike<number>, b: ArrayLike<number>, max: number): number {
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  if (n === 0 || m === 0) return Math.max(n, m);

  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : over;

  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    // Cells just outside the band are read by the next row; mark them unreachable.
    cur[0] = i <= max ? i : over;
    cur[lo - 1] = lo === 1 ? cur[0] : over;
    if (hi < m) cur[hi + 1] = over;
    let rowMin = lo === 1 ? (cur[0] as number) : over;
    const ai = a[i - 1];
    for (let j = lo; j <= hi; j++) {
      let v = (prev[j - 1] as number) + (ai === b[j - 1] ? 0 : 1);
      const del = (prev[j] as number) + 1;
      if (del < v) v = del;
      const ins = (cur[j - 1] as number) + 1;
      if (ins < v) v = ins;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m] as number, over);
}

/** Maps words to small integers shared by both sides, so comparisons are cheap. */
function encode(tokens: readonly string[], ids: Map<string, number>, addNew: boolean): Int32Array {
  const out = new Int32Array(tokens.length);
  tokens.forEach((t, i) => {
    let id = ids.get(t);
    if (id === undefined) {
      // A word absent from the query can never match it; one shared id will do.
      if (!addNew) id = -1;
      else ids.set(t, (id = ids.size));
    }
    out[i] = id;
  });
  return out;
}

/**
 * 1 - (word edit distance / length of the longer sentence in words), in 0..1.
 * Case, whitespace and punctuation are ignored. Two texts without any words
 * count as identical.
 */
export function similarity(a: string, b: string): number {
  const ids = new Map<string, number>();
  const ta = encode(tokenize(a), ids, true);
  const tb = encode(tokenize(b), ids, true);
  const longest = Math.max(ta.length, tb.length);
  if (longest === 0) return 1;
  return 1 - boundedDistance(ta, tb, longest) / longest;
}

/**
 * The best fuzzy matches for `query` among `candidates`, best first (ties keep
 * the candidates' order, so callers can pre-sort by recency or quality).
 * A query without any words matches nothing.
 */
export function bestMatches<T>(
  query: string,
  candidates: readonly FuzzyCandidate<T>[],
  { threshold = 0.75, limit = 3 }: BestMatchOptions = {},
): FuzzyMatch<T>[] {
  if (!(threshold >= 0 && threshold <= 1))
    throw new RangeError(`threshold must be between 0 and 1, got ${threshold}`);
  if (!(Number.isInteger(limit) && limit >= 0))
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);

  const ids = new Map<string, number>();
  const q = encode(tokenize(query), ids, true);
  if (q.length === 0 || limit === 0) return [];

  const found: { score: number; order: number; candidate: FuzzyCandidate<T> }[] = [];
  candidates.forEach((candidate, order) => {
    const words = tokenize(candidate.key);
    const longest = Math.max(words.length, q.length);
    // Length prefilter: even a perfect alignment scores at most shorter/longer.
    if (Math.min(words.length, q.length) / longest < threshold - EPSILON) return;
    const maxDistance = Math.floor((1 - threshold) * longest + EPSILON);
    const distance = boundedDistance(encode(words, ids, false), q, maxDistance);
    if (distance > maxDistance) return;
    found.push({ score: 1 - distance / longest, order, candidate });
  });

  found.sort((x, y) => y.score - x.score || x.order - y.order);
  return found.slice(0, limit).map(({ score, candidate }) => ({
    score,
    percent: Math.floor(score * 100 + EPSILON),
    payload: candidate.payload,
    diff: wordDiff(candidate.key, query, { ignoreCase: true }),
  }));
}

/**
 * Word-level diff from `before` to `after` (revision history, match display).
 * Whitespace changes alone are not reported; the returned values, joined in
 * order with removed parts skipped, give `after` back.
 */
export function wordDiff(
  before: string,
  after: string,
  options: { ignoreCase?: boolean } = {},
): WordDiffPart[] {
  return diffWords(before, after, { ignoreCase: options.ignoreCase ?? false }).map((c) => ({
    value: c.value,
    type: c.added ? "added" : c.removed ? "removed" : "same",
  }));
}
