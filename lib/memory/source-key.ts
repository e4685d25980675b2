import { foldQuotes } from "../text/fold";

/**
 * The key under which translation memory files a sentence: two sentences with
 * the same key are "the same sentence" (whitespace, quote style and the case
 * of the first letter do not matter).
 */
export function sourceKey(sentence: string): string {
  const text = foldQuotes(sentence.normalize("NFC")).replace(/\s+/g, " ").trim();
  return text.charAt(0).toLowerCase() + text.slice(1);
}
