/**
 * chrF as sacreBLEU computes it by default (chrF2): character n-grams of
 * orders 1 to 6 with whitespace removed, precision and recall averaged over
 * the orders both texts have, then their F-score with recall weighted β = 2.
 * At corpus level the n-gram counts of every sentence are summed before the
 * score is taken, so a corpus score is not the mean of sentence scores.
 */

export const CHRF_ORDER = 6;
export const CHRF_BETA = 2;

/** Per order: n-grams in the hypothesis, in the reference, and shared. */
export type ChrfStatistics = number[];

function charNgrams(text: string, n: number): Map<string, number> {
  const chars = Array.from(text.replace(/\s+/gu, ""));
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const gram = chars.slice(i, i + n).join("");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** The n-gram counts of one hypothesis against its reference. */
export function chrfStatistics(hypothesis: string, reference: string): ChrfStatistics {
  const stats: number[] = [];
  for (let n = 1; n <= CHRF_ORDER; n++) {
    const hyp = charNgrams(hypothesis, n);
    const ref = charNgrams(reference, n);
    let hypCount = 0;
    let refCount = 0;
    let shared = 0;
    for (const count of hyp.values()) hypCount += count;
    for (const [gram, count] of ref) {
      refCount += count;
      shared += Math.min(count, hyp.get(gram) ?? 0);
    }
    stats.push(hypCount, refCount, shared);
  }
  return stats;
}

/** chrF (0-100) from summed statistics. */
export function chrfFromStatistics(stats: ChrfStatistics, beta = CHRF_BETA): number {
  let precision = 0;
  let recall = 0;
  let orders = 0;
  for (let i = 0; i < CHRF_ORDER; i++) {
    const hyp = stats[3 * i]!;
    const ref = stats[3 * i + 1]!;
    const shared = stats[3 * i + 2]!;
    if (hyp > 0 && ref > 0) {
      precision += shared / hyp;
      recall += shared / ref;
      orders++;
    }
  }
  if (orders === 0) return 0;
  precision /= orders;
  recall /= orders;
  if (precision + recall === 0) return 0;
  const b2 = beta * beta;
  return (100 * ((1 + b2) * precision * recall)) / (b2 * precision + recall);
}

/** Corpus chrF of hypotheses against their references (same length, in order). */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly string[],
  beta = CHRF_BETA,
): number {
  if (hypotheses.length !== references.length) {
    throw new Error(
      `chrF needs one reference per hypothesis (${hypotheses.length} hypotheses, ${references.length} references).`,
    );
  }
  const total: number[] = new Array(3 * CHRF_ORDER).fill(0);
  hypotheses.forEach((h, i) => {
    chrfStatistics(h, references[i]!).forEach((v, k) => (total[k]! += v));
  });
  return chrfFromStatistics(total, beta);
}

/** chrF of one sentence against its reference. */
export function sentenceChrf(hypothesis: string, reference: string): number {
  return chrfFromStatistics(chrfStatistics(hypothesis, reference));
}
