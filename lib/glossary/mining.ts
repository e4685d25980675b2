/**
 * Glossary suggestions mined from a corpus of Indonesian articles: acronyms,
 * recurring capitalized names and recurring lowercase phrases.
 */
import { buildMatcher, isAllCaps, type MatcherEntry } from "./matcher";
import { isWordJoiner, wordParts, type Span } from "../text/words";

export type SuggestionKind = "acronym" | "name" | "phrase";

export interface MiningArticle {
  articleId: string | number;
  text: string;
}

export interface MiningSuggestion {
  /** Most frequent spelling in the corpus. */
  text: string;
  kind: SuggestionKind;
  articleCount: number;
  occurrenceCount: number;
  /**
   * articleCount + occurrenceCount / (occurrenceCount + 1): one number that
   * orders like (articleCount, occurrenceCount); e.g. 3.8 = 3 articles, 4 hits.
   */
  score: number;
}

export interface MiningOptions {
  /** Existing glossary; candidates it already covers are left out. */
  glossary?: readonly { term: string; aliases?: readonly string[] }[];
  /** Suggestions the user dismissed earlier (same matching rules as the glossary). */
  dismissed?: readonly string[];
  /** Minimum occurrences for acronyms and names (default 2). */
  minOccurrences?: number;
  /** Minimum number of articles for phrases (default 2). */
  minPhraseArticles?: number;
  /** Longest name, in words (default 6). */
  maxNameWords?: number;
  /** Longest phrase, in words (default 5; shortest is 2). */
  maxPhraseWords?: number;
  /** Longest multi-word acronym, in words (default 4). */
  maxAcronymWords?: number;
  kinds?: readonly SuggestionKind[];
  /** Keep only the best N suggestions overall. */
  limit?: number;
}

/**
 * Indonesian function words: pronouns, prepositions, conjunctions, auxiliaries,
 * particles, determiners and small numerals. Content words such as "sama" (in
 * "kerja sama") are deliberately absent.
 */
export const INDONESIAN_STOPWORDS: ReadonlySet<string> = new Set(
  `ada adalah agak agar akan akankah akhirnya aku amat anda antar antara apa apabila apakah apalagi atas atau
  bagai bagaimana bagi bahkan bahwa baik banyak barangkali beberapa begini begitu belum berapa berbagai beserta
  betapa bila bilamana bisa boleh bukan bukankah dahulu dalam dan dapat dari daripada demi demikian dengan
  di dia dialah diantara diri dirinya dong dulu engkau entah guna hal hampir hanya hanyalah harus hendak
  hingga ia ialah ini inilah itu itulah jadi jangan jika jikalau juga justru kalau kami kamu kan kapan karena
  karenanya kata ke kecuali kedua kemudian kenapa kepada ketiga ketika kini kita lagi lah lain lalu lima maka
  makin malah mampu mana masih maupun mau melainkan melalui memang mengapa menjadi menurut mereka merupakan
  meski meskipun mungkin nah namun nanti nya oleh pada padahal paling para per perlu pernah pula pun saat
  saja salah sambil sampai sang sangat satu saya se sebab sebagai sebagaimana sebelum sebelumnya sebuah
  sedang sedangkan sedikit segala sehingga sejak sekali sekalipun sekitar selagi selain selalu selama
  semakin sementara semua sendiri seorang seperti sepertinya serta sesuatu setelah setiap si sini situ
  suatu sudah supaya tak tanpa tapi telah tentang terhadap termasuk tersebut tetapi tiap tiga tidak toh
  dua empat yaitu yakni yang untuk baru tengah lebih kurang baru-baru`
    .split(/\s+/)
    .filter((w) => w)
    // Keys use spaces where the text has hyphens ("baru-baru" -> "baru baru").
    .map((w) => w.replace(/-/g, " ")),
);

const LOWER_START_RE = /^\p{Ll}/u;
const UPPER_START_RE = /^\p{Lu}/u;
const LETTER_RE = /\p{L}/gu;
const DIGIT_RE = /\p{N}/u;
const ONLY_LETTERS_RE = /^[\p{L}\p{M}]+$/u;

interface Piece {
  text: string;
  start: number;
  end: number;
}

/** Words joined by an in-word hyphen or apostrophe ("Jong-un", "negara-negara"). */
interface Unit {
  pieces: Piece[];
  surface: string;
  /** Separated from the previous unit by plain spaces on the same line. */
  joinedToPrev: boolean;
  sentenceStart: boolean;
}

interface ArticleWords {
  pieces: Piece[];
  /** pieceJoined[i]: piece i follows piece i-1 after plain spaces on one line. */
  pieceJoined: boolean[];
  units: Unit[];
}

function analyse(text: string): ArticleWords {
  const spans = wordParts(text);
  const pieces: Piece[] = spans.map((s: Span) => ({
    text: text.slice(s.start, s.end),
    start: s.start,
    end: s.end,
  }));
  const pieceJoined: boolean[] = [];
  const units: Unit[] = [];
  let current: Unit | null = null;
  pieces.forEach((piece, i) => {
    const prev = pieces[i - 1];
    const gap = prev ? text.slice(prev.end, piece.start) : "";
    pieceJoined.push(prev !== undefined && /^[ \t\u00A0]+$/.test(gap));
    if (current && prev && isWordJoiner(gap)) {
      current.pieces.push(piece);
      current.surface = text.slice((current.pieces[0] as Piece).start, piece.end);
      return;
    }
    current = {
      pieces: [piece],
      surface: piece.text,
      joinedToPrev: prev !== undefined && /^[ \t\u00A0]+$/.test(gap),
      sentenceStart: isSentenceStart(text, piece.start),
    };
    units.push(current);
  });
  return { pieces, pieceJoined, units };
}

/** True after a sentence end, a line break, a colon or a dateline dash. */
function isSentenceStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0) {
    const ch = text.charAt(i);
    if (ch === "\n" || ch === "\r") return true;
    if (/[\s"'“‘«(\[]/u.test(ch)) {
      i--;
      continue;
    }
    return /[.!?…:;\-–—]/u.test(ch);
  }
  return true;
}

const unitStart = (u: Unit): number => (u.pieces[0] as Piece).start;
const unitEnd = (u: Unit): number => (u.pieces[u.pieces.length - 1] as Piece).end;
const letterCount = (s: string): number => s.match(LETTER_RE)?.length ?? 0;
const unitKey = (u: Unit): string => u.pieces.map((p) => p.text.toLowerCase()).join(" ");

interface Tally {
  kind: SuggestionKind;
  occurrences: number;
  articles: Set<string | number>;
  surfaces: Map<string, number>;
  /**
   * Keys of the n-grams one word shorter on either side (for maximality).
   * A set, because spellings merged under one key ("Kim Jong-un", "Kim Jong Un")
   * split into words differently.
   */
  inner: Set<string>;
}

class Counter {
  readonly tallies = new Map<string, Tally>();

  add(kind: SuggestionKind, keys: string[], surface: string, articleId: string | number): void {
    const key = `${kind}\u0000${keys.join(" ")}`;
    let t = this.tallies.get(key);
    if (!t) {
      t = { kind, occurrences: 0, articles: new Set(), surfaces: new Map(), inner: new Set() };
      this.tallies.set(key, t);
    }
    if (keys.length > 1) {
      t.inner.add(`${kind}\u0000${keys.slice(0, -1).join(" ")}`);
      t.inner.add(`${kind}\u0000${keys.slice(1).join(" ")}`);
    }
    t.occurrences++;
    t.articles.add(articleId);
    t.surfaces.set(surface, (t.surfaces.get(surface) ?? 0) + 1);
  }
}

export function mineSuggestions(
  corpus: readonly MiningArticle[],
  options: MiningOptions = {},
): MiningSuggestion[] {
  const minOccurrences = options.minOccurrences ?? 2;
  const minPhraseArticles = options.minPhraseArticles ?? 2;
  const maxNameWords = options.maxNameWords ?? 6;
  const maxPhraseWords = options.maxPhraseWords ?? 5;
  const maxAcronymWords = options.maxAcronymWords ?? 4;
  const kinds = new Set<SuggestionKind>(options.kinds ?? ["acronym", "name", "phrase"]);

  const analysed = corpus.map((a) => ({ id: a.articleId, text: a.text, words: analyse(a.text) }));

  // Corpus-wide evidence of ordinary words: a capitalized word that also occurs
  // in lowercase is a common word (sentence-initial "Pertemuan", "Laporan"),
  // and an all-capital word that also occurs in normal case is shouting
  // ("MOSKOW", "BACA JUGA"), not an acronym.
  const lowercaseUnits = new Set<string>();
  const mixedCasePieces = new Set<string>();
  for (const a of analysed) {
    for (const u of a.words.units) {
      if (LOWER_START_RE.test(u.surface)) lowercaseUnits.add(unitKey(u));
    }
    for (const p of a.words.pieces) {
      if (!isAllCaps(p.text) && /\p{L}/u.test(p.text)) mixedCasePieces.add(p.text.toLowerCase());
    }
  }
  const isStop = (u: Unit): boolean => INDONESIAN_STOPWORDS.has(unitKey(u));
  const isCommon = (u: Unit): boolean => isStop(u) || lowercaseUnits.has(unitKey(u));

  const copied = copiedPassages(analysed.map((a) => a.words.units));
  const glossaryMatcher = buildMatcher(
    (options.glossary ?? []).map((e, i): MatcherEntry<number> => ({
      id: i,
      patterns: [e.term, ...(e.aliases ?? [])],
    })),
  );

  const counter = new Counter();
  analysed.forEach((a, articleIndex) => {
    const { pieces, pieceJoined, units } = a.words;
    const inCopy = copied[articleIndex] as Uint8Array;
    // Words inside a known term are not evidence for a new one ("Majelis Umum"
    // seen only within "Majelis Umum PBB").
    const known = glossaryMatcher.find(a.text);
    const insideKnown = (start: number, end: number): boolean => {
      // Matches are sorted and disjoint: find the last one starting at or before `start`.
      let lo = 0;
      let hi = known.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((known[mid] as { start: number }).start <= start) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const m = known[found];
      return m !== undefined && end <= m.end;
    };

    if (kinds.has("acronym")) {
      const acronymish = pieces.map(
        (p) =>
          isAllCaps(p.text) &&
          !mixedCasePieces.has(p.text.toLowerCase()) &&
          (letterCount(p.text) >= 2 || DIGIT_RE.test(p.text)),
      );
      forEachRun(
        pieces.length,
        (i) => acronymish[i] === true,
        (i) => pieceJoined[i] === true,
        (from, to) => {
          for (let s = from; s < to; s++) {
            for (let n = 1; n <= maxAcronymWords && s + n <= to; n++) {
              const slice = pieces.slice(s, s + n);
              // A lone "G20" is a code, not an acronym; "KTT G20" is.
              if (n === 1 && letterCount((slice[0] as Piece).text) < 2) continue;
              if (insideKnown((slice[0] as Piece).start, (slice[n - 1] as Piece).end)) continue;
              const texts = slice.map((p) => p.text);
              counter.add("acronym", texts, texts.join(" "), a.id);
            }
          }
        },
      );
    }

    if (kinds.has("name")) {
      const capital = units.map(
        (u) => UPPER_START_RE.test(u.surface) && !(u.sentenceStart && isCommon(u)),
      );
      forEachRun(
        units.length,
        (i) => capital[i] === true,
        (i) => (units[i] as Unit).joinedToPrev,
        (from, to) => {
          for (let s = from; s < to; s++) {
            for (let n = 2; n <= maxNameWords && s + n <= to; n++) {
              const slice = units.slice(s, s + n);
              if (slice.every((u) => isAllCaps(u.surface))) continue;
              if (isStop(slice[0] as Unit) || isStop(slice[n - 1] as Unit)) continue;
              if (insideKnown(unitStart(slice[0] as Unit), unitEnd(slice[n - 1] as Unit))) continue;
              counter.add("name", slice.map(unitKey), slice.map((u) => u.surface).join(" "), a.id);
            }
          }
        },
      );
    }

    if (kinds.has("phrase")) {
      const lower = units.map(
        (u) =>
          LOWER_START_RE.test(u.surface) && u.pieces.every((p) => ONLY_LETTERS_RE.test(p.text)),
      );
      forEachRun(
        units.length,
        (i) => lower[i] === true,
        (i) => (units[i] as Unit).joinedToPrev,
        (from, to) => {
          for (let s = from; s < to; s++) {
            for (let n = 2; n <= maxPhraseWords && s + n <= to; n++) {
              // Word runs of a quote repeated across articles are not phrases.
              if (inCopy.subarray(s, s + n).every((c) => c === 1)) continue;
              const slice = units.slice(s, s + n);
              // Phrases that start or end with a function word are fragments
              // ("kerja sama dengan"); this also drops all-stopword n-grams.
              if (isStop(slice[0] as Unit) || isStop(slice[n - 1] as Unit)) continue;
              if (insideKnown(unitStart(slice[0] as Unit), unitEnd(slice[n - 1] as Unit))) continue;
              counter.add(
                "phrase",
                slice.map(unitKey),
                slice.map((u) => u.surface).join(" "),
                a.id,
              );
            }
          }
        },
      );
    }
  });

  // Drop n-grams that (almost) never occur outside a longer one: "Kim Jong"
  // inside "Kim Jong Un", "balistik jarak pendek" inside "rudal balistik jarak pendek".
  const longestOuter = new Map<string, number>();
  for (const t of counter.tallies.values()) {
    for (const inner of t.inner) {
      longestOuter.set(inner, Math.max(longestOuter.get(inner) ?? 0, t.occurrences));
    }
  }

  const dismissedMatcher = buildMatcher(
    (options.dismissed ?? []).map((d, i) => ({ id: i, patterns: [d] })),
  );

  const out: MiningSuggestion[] = [];
  for (const [key, t] of counter.tallies) {
    if ((longestOuter.get(key) ?? 0) >= t.occurrences) continue;
    if (t.kind === "phrase" ? t.articles.size < minPhraseArticles : t.occurrences < minOccurrences)
      continue;
    const text = mostFrequent(t.surfaces);
    if (coveredByGlossary(text, glossaryMatcher.find(text))) continue;
    if (dismissedMatcher.find(text).some((m) => m.start === 0 && m.end === text.length)) continue;
    out.push({
      text,
      kind: t.kind,
      articleCount: t.articles.size,
      occurrenceCount: t.occurrences,
      score: t.articles.size + t.occurrences / (t.occurrences + 1),
    });
  }

  out.sort(compareSuggestions);
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}

/** Ranking: more articles, then more occurrences, then longer, then alphabetical. */
export function compareSuggestions(a: MiningSuggestion, b: MiningSuggestion): number {
  return (
    b.articleCount - a.articleCount ||
    b.occurrenceCount - a.occurrenceCount ||
    wordCount(b.text) - wordCount(a.text) ||
    b.text.length - a.text.length ||
    a.text.localeCompare(b.text)
  );
}

/** A word sequence this long found in two articles is copied text (a quoted statement), not a phrase. */
const PASSAGE_WORDS = 8;

/** Per article, 1 for each word inside a PASSAGE_WORDS-word sequence that another article also has. */
function copiedPassages(articles: readonly Unit[][]): Uint8Array[] {
  const windowKey = (units: Unit[], i: number): string =>
    units
      .slice(i, i + PASSAGE_WORDS)
      .map(unitKey)
      .join("\u0001");
  const firstArticle = new Map<string, number>();
  const shared = new Set<string>();
  articles.forEach((units, a) => {
    for (let i = 0; i + PASSAGE_WORDS <= units.length; i++) {
      const k = windowKey(units, i);
      const first = firstArticle.get(k);
      if (first === undefined) firstArticle.set(k, a);
      else if (first !== a) shared.add(k);
    }
  });
  return articles.map((units) => {
    const covered = new Uint8Array(units.length);
    for (let i = 0; i + PASSAGE_WORDS <= units.length; i++) {
      if (shared.has(windowKey(units, i))) covered.fill(1, i, i + PASSAGE_WORDS);
    }
    return covered;
  });
}

const wordCount = (s: string): number => wordParts(s).length;

/** Calls `visit(from, to)` for each maximal run of consecutive qualifying items. */
function forEachRun(
  length: number,
  qualifies: (i: number) => boolean,
  joined: (i: number) => boolean,
  visit: (from: number, to: number) => void,
): void {
  let from = -1;
  for (let i = 0; i <= length; i++) {
    const ok = i < length && qualifies(i);
    const continues = ok && from >= 0 && joined(i);
    if (continues) continue;
    if (from >= 0) visit(from, i);
    from = ok ? i : -1;
  }
}

function mostFrequent(surfaces: Map<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [s, c] of surfaces) {
    if (c > bestCount) {
      best = s;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Already in the glossary when known terms cover every word of the candidate:
 * "Kim Jong Un" itself, or "Presiden Vladimir Putin" made of two known terms.
 */
function coveredByGlossary(
  text: string,
  matches: readonly { start: number; end: number }[],
): boolean {
  if (matches.length === 0) return false;
  return wordParts(text).every((w) => matches.some((m) => m.start <= w.start && w.end <= m.end));
}
