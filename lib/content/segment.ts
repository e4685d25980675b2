/**
 * Paragraph and sentence segmentation for Indonesian news text.
 *
 * Sentences start from `Intl.Segmenter` (ICU's generic rules) and are then merged
 * back wherever ICU breaks too eagerly for news writing: abbreviations, initials,
 * datelines, quotations, parentheses, dash asides and so on. The splitter only
 * ever merges ICU pieces, never cuts them, so every sentence keeps the original
 * characters and `sentences.join(" ")` gives back the normalized paragraph.
 */

const sentenceSegmenter = new Intl.Segmenter("id", { granularity: "sentence" });

/** Characters that are whitespace for our purposes (incl. no-break and narrow spaces). */
const SPACE_RUN = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
/** Invisible characters that pasted web text carries and that only disturb matching. */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

/** Collapses every whitespace run (line breaks included) to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(INVISIBLE, "").replace(SPACE_RUN, " ").trim();
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n");
}

/** A line that ends like a finished sentence, heading punctuation aside. */
const ENDS_CLOSED = /[.!?…:;"”’'»)\]]$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/**
 * Splits text into paragraphs.
 *
 * Pasted news text usually has one paragraph per line, Markdown files have
 * blank lines between paragraphs; both are handled by treating every line as a
 * paragraph. Two exceptions: a line that stops mid-sentence and is continued by
 * a line starting in lower case is one paragraph, and text that is visibly
 * hard-wrapped (most lines inside blank-line-separated blocks stop mid-sentence)
 * gets its blocks, not its lines, as paragraphs.
 */
export function splitParagraphs(text: string): string[] {
  const lines = normalizeNewlines(text)
    .split("\n")
    .map((line) => normalizeWhitespace(line));

  const blocks: string[][] = [[]];
  for (const line of lines) {
    const current = blocks[blocks.length - 1];
    if (line === "") {
      if (current && current.length > 0) blocks.push([]);
    } else {
      current?.push(line);
    }
  }
  const nonEmptyBlocks = blocks.filter((block) => block.length > 0);

  if (isHardWrapped(nonEmptyBlocks)) {
    return nonEmptyBlocks.map((block) => block.join(" "));
  }

  const paragraphs: string[] = [];
  for (const block of nonEmptyBlocks) {
    let pending: string | null = null;
    for (const line of block) {
      if (pending !== null && !ENDS_CLOSED.test(pending) && STARTS_LOWER.test(line)) {
        pending = `${pending} ${line}`;
      } else {
        if (pending !== null) paragraphs.push(pending);
        pending = line;
      }
    }
    if (pending !== null) paragraphs.push(pending);
  }
  return paragraphs;
}

function isHardWrapped(blocks: string[][]): boolean {
  let innerLines = 0;
  let closed = 0;
  for (const block of blocks) {
    for (const line of block.slice(0, -1)) {
      innerLines++;
      if (ENDS_CLOSED.test(line)) closed++;
    }
  }
  // A couple of short lines (a heading over a paragraph) is not evidence of wrapping.
  return innerLines >= 3 && closed / innerLines < 0.5;
}

/** Paragraphs of sentences; empty paragraphs are dropped. */
export function segmentText(text: string): string[][] {
  return splitParagraphs(text)
    .map((paragraph) => splitSentences(paragraph))
    .filter((sentences) => sentences.length > 0);
}

// ---------------------------------------------------------------------------
// Sentences

/**
 * Abbreviations that are (nearly) always followed by more of the same sentence:
 * titles, address and reference prefixes. Case-sensitive on purpose: "No." is a
 * prefix, an all-caps acronym such as "AS." or "PBB." is not and may end a sentence.
 */
const PREFIX_ABBREVIATIONS = new Set([
  // titles and honorifics
  "Dr",
  "dr",
  "drg",
  "Drs",
  "Dra",
  "Prof",
  "Ir",
  "Hj",
  "KH",
  "Tn",
  "Ny",
  "Nn",
  "Sdr",
  "Sdri",
  "Bpk",
  "Bp",
  "Yth",
  "Mr",
  "Mrs",
  "Ms",
  "Mme",
  "St",
  "Mt",
  "Gen",
  "Lt",
  "Col",
  "Capt",
  "Sgt",
  "Sen",
  "Rep",
  "Gov",
  "Co",
  // addresses, numbers, references, money
  "Jl",
  "Jln",
  "Gg",
  "No",
  "no",
  "Kav",
  "Kec",
  "Kab",
  "Kel",
  "Prov",
  "Rp",
  "Hal",
  "hal",
  "Hlm",
  "hlm",
  "Vol",
  "vol",
  "Tel",
  "Telp",
  "telp",
  "Fax",
  "vs",
  "Vs",
]);

/** Month abbreviations: only a prefix when a day or year number follows ("14 Sept. 2023"). */
const MONTH_ABBREVIATIONS = new Set([
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "Jun",
  "Jul",
  "Agu",
  "Agt",
  "Ags",
  "Aug",
  "Sep",
  "Sept",
  "Okt",
  "Oct",
  "Nov",
  "Des",
  "Dec",
]);

/**
 * Words that take a capital letter as a label ("Grup B.", "vitamin C."): the
 * letter after them is not an initial and may end the sentence.
 */
const LETTER_LABEL_WORDS = new Set([
  "grup",
  "group",
  "pool",
  "kelas",
  "tipe",
  "type",
  "seri",
  "kategori",
  "golongan",
  "zona",
  "blok",
  "gedung",
  "lampiran",
  "opsi",
  "pilihan",
  "rencana",
  "plan",
  "vitamin",
  "hepatitis",
  "huruf",
  "poin",
]);

/** The word right before a final period, e.g. "Dr" in "oleh Dr." or "B.J" in "B.J.". */
const TRAILING_TOKEN = /(?:^|[^\p{L}\p{N}.])(\p{L}[\p{L}.]*)\.$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
/** Dotted initials or short dotted abbreviations: "B.J", "H.O.S", "a.n", "s.d". */
const DOTTED_LETTERS = /^\p{L}(?:\.\p{L}){1,3}$/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** "1." or "a)" opening a numbered item. */
const LIST_MARKER = /^(?:\p{N}{1,3}|[a-zA-Z])[.)]$/u;
const STARTS_WITH_DIGIT = /^\p{N}/u;
const STARTS_WITH_DASH = /^[—–-]/u;
/** A bracketed credit or tag with no sentence inside, e.g. "(Foto: KCNA via REUTERS)" or "[ah]". */
const BRACKETED_TAG = /^(?:\([^()!?.]{1,80}\)|\[[^[\]!?.]{1,80}\])$/u;
/** Dateline tokens: all-caps words (KONTAN.CO.ID, SEOUL) or an outlet domain (Bisnis.com). */
const CAPS_TOKEN = /^[\p{Lu}\p{N}][\p{Lu}\p{N}.'’&-]*$/u;
const DOMAIN_TOKEN =
  /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|co|id|net|org|tv|news)(?:\.[a-z]{2})?$/iu;

interface Piece {
  start: number;
  end: number;
}

/**
 * Splits one paragraph into sentences. Rules, each covered by a table test:
 * - abbreviations, titles and initials do not end a sentence ("Dr.", "Jl.",
 *   "No.", "H.", "J. Smith", "B.J. Habibie"); all-caps acronyms do ("... dengan AS. Rusia ...");
 * - numbers, dates and times stay whole ("10.30", "1.500", "Rp1,5 triliun", "(20/9/2023)");
 * - nothing is split inside a closed quotation (“…”, "…", ‘…’), parenthesis,
 *   bracket or dash aside (— … —); a closing quote stays with its sentence;
 * - a piece starting in lower case or with a dash continues the sentence ("“Mengapa?” tanyanya.");
 * - a dateline ("KONTAN.CO.ID - SEOUL.") stays with the first sentence;
 * - a trailing bracketed tag or credit ("[ah]", "(Foto: …)") stays with the sentence before it;
 * - list markers ("1.") and pieces without letters or digits ("...") join the next piece;
 * - an ellipsis ends a sentence only when a capitalized word follows.
 */
export function splitSentences(paragraph: string): string[] {
  const text = normalizeWhitespace(paragraph);
  if (text === "") return [];

  const guarded = protectedBoundaries(text);
  const pieces = initialPieces(text);

  const merged: Piece[] = [];
  for (const piece of pieces) {
    const previous = merged[merged.length - 1];
    if (previous && shouldJoin(text, previous, piece, merged.length === 1, guarded)) {
      previous.end = piece.end;
    } else {
      merged.push({ ...piece });
    }
  }

  // A final piece of only punctuation (e.g. a lone "…") belongs to the sentence before it.
  const last = merged[merged.length - 1];
  const beforeLast = merged[merged.length - 2];
  if (last && beforeLast && !HAS_WORD_CHAR.test(text.slice(last.start, last.end))) {
    beforeLast.end = last.end;
    merged.pop();
  }

  return merged.map((piece) => text.slice(piece.start, piece.end).trim()).filter((s) => s !== "");
}

/**
 * ICU's pieces, plus a break after a one-character ellipsis "…" before a
 * capital: ICU ends sentences at "..." but not at "…", and both are typed.
 */
function initialPieces(text: string): Piece[] {
  const starts = new Set<number>();
  for (const { index } of sentenceSegmenter.segment(text)) starts.add(index);
  for (const match of text.matchAll(/…[”"’)\]]*\s+(?=[\p{Lu}“"‘(])/gu)) {
    starts.add(match.index + match[0].length);
  }
  const sorted = [...starts].filter((start) => start < text.length).sort((a, b) => a - b);
  return sorted.map((start, i) => ({ start, end: sorted[i + 1] ?? text.length }));
}

function shouldJoin(
  text: string,
  previous: Piece,
  next: Piece,
  previousIsFirst: boolean,
  guarded: Uint8Array,
): boolean {
  if (guarded[next.start] === 1) return true;

  const before = text.slice(previous.start, previous.end).trim();
  const after = text.slice(next.start, next.end).trim();

  if (!HAS_WORD_CHAR.test(before) || LIST_MARKER.test(before)) return true; // a leading "...", "1."
  if (STARTS_LOWER.test(after) || STARTS_WITH_DASH.test(after)) return true;
  if (BRACKETED_TAG.test(after)) return true;
  if (endsWithAbbreviation(before, after)) return true;
  if (previousIsFirst && isDateline(before)) return true;
  return false;
}

function endsWithAbbreviation(before: string, after: string): boolean {
  const token = TRAILING_TOKEN.exec(before)?.[1];
  if (token === undefined) return false;
  if (PREFIX_ABBREVIATIONS.has(token)) return true;
  if (SINGLE_CAPITAL.test(token)) return !isLetterLabel(before); // "J. Smith", "H. Agus Salim"
  if (DOTTED_LETTERS.test(token)) return true; // "B.J. Habibie", "a.n. Direktur"
  if (MONTH_ABBREVIATIONS.has(token) && STARTS_WITH_DIGIT.test(after)) return true;
  return false;
}

function isLetterLabel(before: string): boolean {
  const word = /(\p{L}+)\s+\p{Lu}\.$/u.exec(before)?.[1];
  return word !== undefined && LETTER_LABEL_WORDS.has(word.toLowerCase());
}

/**
 * "KONTAN.CO.ID - SEOUL." or "SEOUL." at the very start of a paragraph: a few
 * all-caps or domain tokens, separated by dashes or commas, ending in a period.
 */
function isDateline(piece: string): boolean {
  if (piece.length > 80 || !piece.endsWith(".")) return false;
  const tokens = piece
    .slice(0, -1)
    .split(/[\s,]+/u)
    .filter((token) => token !== "" && !/^[—–-]+$/u.test(token));
  const lastToken = tokens[tokens.length - 1];
  if (tokens.length === 0 || tokens.length > 6 || lastToken === undefined) return false;
  if (!CAPS_TOKEN.test(lastToken) || !/\p{Lu}{2}/u.test(lastToken)) return false;
  return tokens.every((token) => CAPS_TOKEN.test(token) || DOMAIN_TOKEN.test(token));
}

// ---------------------------------------------------------------------------
// Protected spans: quotations, parentheses, brackets and dash asides.

/** Dash asides longer than this are more likely two separate dashes than one aside. */
const MAX_DASH_ASIDE = 200;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

/**
 * Marks every position where a sentence must not start because it lies inside
 * a closed quotation, parenthesis, bracket or dash aside. Position i is marked
 * when open < i <= close, i.e. a split right before the closing mark is also
 * forbidden. Openers that are never closed (a quotation continued in the next
 * paragraph, a stray bracket) protect nothing.
 */
function protectedBoundaries(text: string): Uint8Array {
  const marks = new Uint8Array(text.length + 1);
  const protect = (open: number, close: number): void => {
    for (let i = open + 1; i <= close; i++) marks[i] = 1;
  };

  let curlyDouble = -1;
  let straightDouble = -1;
  let curlySingle = -1;
  let straightSingle = -1;
  const parens: number[] = [];
  const brackets: number[] = [];
  const lastDash = new Map<string, number>();

  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const prev = i > 0 ? text.charAt(i - 1) : "";
    const next = i + 1 < text.length ? text.charAt(i + 1) : "";
    switch (ch) {
      case "“":
      case "„":
        // Re-open at the latest opener: an unclosed one earlier must not swallow the paragraph.
        curlyDouble = i;
        break;
      case "”":
        if (curlyDouble >= 0) protect(curlyDouble, i);
        curlyDouble = -1;
        break;
      case '"': {
        const kind = straightQuoteKind(prev, next);
        if (kind === "open") straightDouble = i;
        else if (kind === "close" && straightDouble >= 0) {
          protect(straightDouble, i);
          straightDouble = -1;
        }
        break;
      }
      case "‘":
        curlySingle = i;
        break;
      case "’":
        if (isApostrophe(prev, next)) break;
        if (curlySingle >= 0) protect(curlySingle, i);
        curlySingle = -1;
        break;
      case "'": {
        if (isApostrophe(prev, next)) break;
        const kind = straightQuoteKind(prev, next);
        if (kind === "open") straightSingle = i;
        else if (kind === "close" && straightSingle >= 0) {
          protect(straightSingle, i);
          straightSingle = -1;
        }
        break;
      }
      case "(":
        parens.push(i);
        break;
      case ")": {
        const open = parens.pop();
        if (open !== undefined) protect(open, i);
        break;
      }
      case "[":
        brackets.push(i);
        break;
      case "]": {
        const open = brackets.pop();
        if (open !== undefined) protect(open, i);
        break;
      }
      case "—":
      case "–": {
        // An en dash between digits is a range (1950–53), not an aside.
        if (/\p{N}/u.test(prev) && /\p{N}/u.test(next)) break;
        const open = lastDash.get(ch);
        if (open !== undefined && i - open <= MAX_DASH_ASIDE) {
          protect(open, i);
          lastDash.delete(ch);
        } else {
          lastDash.set(ch, i);
        }
        break;
      }
      default:
        break;
    }
  }
  return marks;
}

function isApostrophe(prev: string, next: string): boolean {
  return LETTER_OR_DIGIT.test(prev) && LETTER_OR_DIGIT.test(next);
}

/** Tells an opening straight quote from a closing one by what surrounds it. */
function straightQuoteKind(prev: string, next: string): "open" | "close" | null {
  const opensAfter = prev === "" || SPACE.test(prev) || /[([{“‘—–\-/:;,]/u.test(prev);
  const closesBefore = prev !== "" && !SPACE.test(prev);
  const closedAfter = next === "" || SPACE.test(next) || /[.,;:!?)\]}—–\-”’]/u.test(next);
  if (opensAfter && next !== "" && !SPACE.test(next)) return "open";
  if (closesBefore && closedAfter) return "close";
  return null;
}
