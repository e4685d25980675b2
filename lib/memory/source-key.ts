/**
 * The key under which translation memory files a sentence: two sentences with
 * the same key are "the same sentence" (whitespace, quote style and the case
 * of the first letter do not matter).
 */
export function sourceKey(sentence: string): string {
  const text = sentence
    .normalize("NFC")
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return text.charAt(0).toLowerCase() + text.slice(1);
}
