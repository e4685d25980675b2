/**
 * What makes a machine translation degenerate: the ways greedy decoding fails
 * on text outside what a model knows well. A degenerate output is tried again
 * with stronger guards and, if it stays degenerate, stored flagged for review.
 */

export type Degeneracy = "repetition" | "tooLong" | "tooShort" | "empty" | "untranslated";

/** Flags a stored machine translation can carry. */
export type TranslationFlag = "degenerate" | "termMissing";

export const TRANSLATION_FLAGS: readonly TranslationFlag[] = ["degenerate", "termMissing"];

// Longest phrase (in words) whose immediate repetition is looked for.
const MAX_PHRASE = 4;
// A phrase repeated this many times in a row is a loop.
const REPEATS = 3;

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).filter(Boolean);
}

/** The first word or phrase repeated three or more times in a row, or null. */
export function repeatedRun(text: string): string | null {
  const w = words(text);
  for (let size = 1; size <= MAX_PHRASE; size++) {
    for (let i = 0; i + size * REPEATS <= w.length; i++) {
      let same = true;
      for (let k = 1; k < REPEATS && same; k++) {
        for (let j = 0; j < size; j++) {
          if (w[i + j] !== w[i + k * size + j]) {
            same = false;
            break;
          }
        }
      }
      if (same) return w.slice(i, i + size).join(" ");
    }
  }
  return null;
}

/**
 * Everything wrong with an output for its source (empty when it looks like a
 * translation). Length bounds are generous: English runs about as long as
 * Indonesian, and short sources (headlines, names) are exempt from the
 * too-short rule.
 */
export function checkOutput(source: string, output: string): Degeneracy[] {
  const found: Degeneracy[] = [];
  const src = source.trim();
  const out = output.trim();
  if (!/[\p{L}\p{N}]/u.test(out)) return ["empty"];
  if (repeatedRun(out) !== null) found.push("repetition");
  if (out.length > src.length * 2.2 + 20) found.push("tooLong");
  if (src.length >= 40 && out.length < src.length * 0.35) found.push("tooShort");
  const srcWords = words(src);
  if (srcWords.length >= 4 && words(out).join(" ") === srcWords.join(" "))
    found.push("untranslated");
  return found;
}

export function isDegenerate(source: string, output: string): boolean {
  return checkOutput(source, output).length > 0;
}

/** Flags as stored: a JSON list in the revision row, read back leniently. */
export function parseFlags(stored: string | null | undefined): TranslationFlag[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value)
      ? TRANSLATION_FLAGS.filter((f) => (value as unknown[]).includes(f))
      : [];
  } catch {
    return [];
  }
}

export function serializeFlags(flags: readonly TranslationFlag[]): string | null {
  const known = TRANSLATION_FLAGS.filter((f) => flags.includes(f));
  return known.length > 0 ? JSON.stringify(known) : null;
}
