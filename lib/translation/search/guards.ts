/**
 * The loop guards, applied to one hypothesis's logits: a repetition penalty on
 * every token it holds, then a ban on any token that would repeat one of its
 * n-grams. They have the effect of Transformers.js's processors for the
 * generation options of the same names; both see the decoder's prefix (its
 * start token, and a multilingual model's forced language token) as the first
 * tokens, as Transformers.js's do.
 */

export interface LoopGuards {
  no_repeat_ngram_size: number;
  repetition_penalty: number;
}

export function applyLoopGuards(
  row: Float32Array,
  prefix: readonly number[],
  generated: readonly number[],
  guards: LoopGuards,
): void {
  const length = generated.length + prefix.length;
  const at = (i: number) => (i < prefix.length ? prefix[i]! : generated[i - prefix.length]!);
  const penalty = guards.repetition_penalty;
  if (penalty !== 1) {
    const seen = new Set<number>();
    for (let i = 0; i < length; i++) {
      const token = at(i);
      if (seen.has(token)) continue;
      seen.add(token);
      const v = row[token]!;
      row[token] = v < 0 ? v * penalty : v / penalty;
    }
  }
  const n = guards.no_repeat_ngram_size;
  if (n <= 0 || length < n - 1) return;
  // Every earlier (n-1)-gram equal to the last one bans the token that followed it.
  const tail = length - (n - 1);
  for (let start = 0; start + n - 1 < length; start++) {
    let same = true;
    for (let j = 0; j < n - 1 && same; j++) same = at(start + j) === at(tail + j);
    if (same) row[at(start + n - 1)] = -Infinity;
  }
}
