/**
 * What a word is, for every part of the app: the glossary matcher, search,
 * translation memory, mining and the look-up all cut text here.
 *
 * A word part is a maximal run of letters, combining marks and digits ("G20",
 * "Jong", "2023"). A word is one or more parts joined by a single in-word
 * hyphen or apostrophe ("negara-negara", "Jong-un", "Qur'an"): those joiners
 * carry meaning for the stemmer (reduplication, names). Everything else
 * (spaces, other punctuation, curly or straight quotes around words) only
 * separates.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Word extends Span {
  text: string;
}

/** Hyphens that join the parts of a word; a soft hyphen is not one (it is invisible). */
export const HYPHENS = "-\u2010\u2011";
/** The same hyphens, for use inside a regular expression's character class. */
export const HYPHEN_CLASS = String.raw`\-\u2010\u2011`;
/** Apostrophes that join the parts of a word (U+02BC is a letter already). */
export const APOSTROPHES = "'\u2019";

const JOINERS = new Set([...HYPHENS, ...APOSTROPHES]);
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const LETTER_RE = /\p{L}/u;

/** Length in code units of the letter, mark or digit at `i` (code unit `c`), or 0 if it is none. */
function wordCharLength(text: string, i: number, c: number): number {
  if (c < 0x80) {
    return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ? 1 : 0;
  }
  const len = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return WORD_CHAR_RE.test(text.slice(i, i + len)) ? len : 0;
}

/** Offsets of the word parts of `text` (maximal runs of letters, marks and digits). */
export function wordParts(text: string): Span[] {
  // A hand-written scan: several times faster than a global /u regex with
  // property escapes, and this runs on every highlighted article.
  const spans: Span[] = [];
  const n = text.length;
  let start = -1;
  let i = 0;
  while (i < n) {
    const len = wordCharLength(text, i, text.charCodeAt(i));
    if (len > 0) {
      if (start < 0) start = i;
      i += len;
    } else {
      if (start >= 0) {
        spans.push({ start, end: i });
        start = -1;
      }
      i++;
    }
  }
  if (start >= 0) spans.push({ start, end: n });
  return spans;
}

/** True when the text between two word parts joins them into one word. */
export function isWordJoiner(gap: string): boolean {
  return gap.length === 1 && JOINERS.has(gap);
}

/** The words of a text with their UTF-16 offsets. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  let current: Span | null = null;
  for (const part of wordParts(text)) {
    if (current && isWordJoiner(text.slice(current.end, part.start))) current.end = part.end;
    else {
      if (current) out.push({ text: text.slice(current.start, current.end), ...current });
      current = { ...part };
    }
  }
  if (current) out.push({ text: text.slice(current.start, current.end), ...current });
  return out;
}

/** True for a word with at least one letter (not a number or a code made of digits). */
export function hasLetter(word: string): boolean {
  return LETTER_RE.test(word);
}

/** The distinct words of a text that have a letter, in order of first use (for picking one to look up). */
export function distinctWords(text: string): string[] {
  return [...new Set(words(text).map((w) => w.text))].filter(hasLetter);
}

/**
 * The word (with a letter) at a text offset, for a click inside a sentence. A
 * click just after a word's last character counts for that word.
 */
export function wordAt(text: string, offset: number): string | null {
  const hit = words(text).find((w) => w.start <= offset && offset <= w.end);
  return hit && hasLetter(hit.text) ? hit.text : null;
}

/** True when `text` (trimmed) is exactly one word with a letter, e.g. a selection to look up. */
export function isSingleWord(text: string): boolean {
  const trimmed = text.trim();
  const list = words(trimmed);
  return (
    list.length === 1 &&
    list[0]!.start === 0 &&
    list[0]!.end === trimmed.length &&
    hasLetter(trimmed)
  );
}
