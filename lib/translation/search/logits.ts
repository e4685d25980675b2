/**
 * One pass over a row of logits: the log of the sum of their exponentials, and
 * the best few tokens. It runs over the whole vocabulary for every row at
 * every step, so it is written for speed.
 */

// exp(-x) for x in [0, EXP_RANGE), EXP_STEPS per unit, read with linear
// interpolation (relative error below 1e-5). A table read costs a fraction of
// Math.exp; terms more than EXP_RANGE below the maximum add less than e^-24
// each and are left out. Each entry is stored with its difference to the next
// one, so that one read of adjacent numbers serves the interpolation.
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

/**
 * One pass for both: the log-sum-exp of the row (returned) and its `k` best
 * tokens (written into `top`, best first, the lower token first among
 * equals, never a banned one). The search needs both for every row at every
 * step, and a pass over the vocabulary is most of their cost.
 */
export function scanTop(data: Float32Array, k: number, top: number[]): number {
  const table = EXP_TABLE;
  const n = data.length;
  const values: number[] = [];
  top.length = 0;
  let floor = -Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v > max) {
      if (sum !== 0) sum *= Math.exp(max - v);
      max = v;
    }
    const x = (max - v) * EXP_STEPS;
    if (x < EXP_LIMIT) {
      const j = (x | 0) << 1;
      sum += table[j]! + (x - (j >> 1)) * table[j + 1]!;
    }
    if (v > floor || (top.length < k && v !== -Infinity)) {
      let at = top.length;
      while (at > 0 && values[at - 1]! < v) at--;
      top.splice(at, 0, i);
      values.splice(at, 0, v);
      if (top.length > k) {
        top.pop();
        values.pop();
      }
      if (top.length === k) floor = values[k - 1]!;
    }
  }
  return Number.isFinite(max) ? max + Math.log(sum) : max;
}
