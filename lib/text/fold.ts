/**
 * Folding: the forms under which two spellings count as the same. Search,
 * the glossary filter, the look-up and translation memory keys fold here.
 */

/** Lower case (locale-independent, so "I" stays "i"). */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Accents removed (compatibility decomposition, marks dropped): "kosmodróm" -> "kosmodrom". */
export function foldAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

/** Case and accents folded: what search and the glossary filter compare. */
export function foldForSearch(text: string): string {
  return foldCase(foldAccents(text));
}

const SINGLE_QUOTES_RE = /[\u2018\u2019\u201A\u201B\u02BC]/g;
const DOUBLE_QUOTES_RE = /[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g;

/** Curly and low quotes, guillemets and the modifier-letter apostrophe as ASCII ' and ". */
export function foldQuotes(text: string): string {
  return text.replace(SINGLE_QUOTES_RE, "'").replace(DOUBLE_QUOTES_RE, '"');
}

/** Canonical composition for non-ASCII text (a no-op, skipped, for ASCII). */
export function composed(text: string): string {
  return /[^\u0000-\u007F]/.test(text) ? text.normalize("NFC") : text;
}
