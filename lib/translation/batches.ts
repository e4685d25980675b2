/**
 * How pending sentences are grouped into model calls. A batch costs about its
 * longest row times its number of rows (shorter rows are padded, and decoding
 * runs until the longest has finished), so sentences are ordered by length
 * and a batch is filled up to a budget of such padded tokens rather than a
 * count: short sentences travel many to a call, long ones few.
 */
export interface BatchLimits {
  /** At most this many sentences per call. */
  maxRows: number;
  /** At most this many padded source tokens per call (rows × longest row). */
  maxTokens: number;
}

/**
 * Padded source tokens per model call unless MT_BATCH_TOKENS says otherwise.
 * Chosen with npm run bench:mt at one ONNX thread: ≤16 rows and ≤512 tokens
 * were the fastest limits in three runs of the batch limits side by side
 * (about 2.1 times one sentence per call; ≤8 and ≤256 gave 1.5 to 1.7).
 */
export const DEFAULT_BATCH_TOKENS = 512;

/** Sentences per model call unless MT_BATCH_SIZE says otherwise (see DEFAULT_BATCH_TOKENS). */
export const DEFAULT_BATCH_ROWS = 16;

/** A rough token count of an Indonesian sentence (SentencePiece averages about 4 characters). */
export function estimateTokens(source: string): number {
  return Math.ceil(source.length / 4) + 1;
}

export function planBatches<T extends { source: string }>(
  items: readonly T[],
  limits: BatchLimits,
): T[][] {
  const sorted = [...items].sort((a, b) => estimateTokens(a.source) - estimateTokens(b.source));
  const batches: T[][] = [];
  let current: T[] = [];
  let longest = 0;
  for (const item of sorted) {
    const tokens = estimateTokens(item.source);
    const wider = Math.max(longest, tokens);
    if (
      current.length > 0 &&
      (current.length + 1 > limits.maxRows || wider * (current.length + 1) > limits.maxTokens)
    ) {
      batches.push(current);
      current = [];
      longest = 0;
    }
    current.push(item);
    longest = Math.max(longest, tokens);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
