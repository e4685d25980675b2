/**
 * Multi-pattern glossary matcher over word tokens.
 *
 * All patterns (terms and aliases) are compiled once into a token trie. `find`
 * walks the text left to right exactly once, carrying the set of partial
 * matches that are still alive (bounded by the longest pattern, in words), so
 * the cost is proportional to the text length and does not grow with the
 * number of glossary entries.
 */
import { composed, foldQuotes } from "../text/fold";
import { HYPHEN_CLASS, wordParts, type Span } from "../text/words";

export type EntryId = string | number;

export interface MatcherEntry<Id extends EntryId = EntryId> {
  id: Id;
  /** Term and aliases. Patterns without any word character are ignored. */
  patterns: readonly string[];
}

export interface MatcherOptions {
  /**
   * Endings that may be glued to the last word of a pattern and still match,
   * e.g. "Politbironya" for "Politbiro". Up to two can stack ("-nyalah").
   * Defaults to INDONESIAN_SUFFIXES; pass [] to disable.
   */
  suffixes?: readonly string[];
  /**
   * When true (default), a word written entirely in capitals ("AS", "PBB",
   * "KCNA") only matches the same capitals; other words match in any case.
   */
  acronymsCaseSensitive?: boolean;
}

export interface Match<Id extends EntryId = EntryId> {
  /** UTF-16 offset of the first character of the match in the searched text. */
  start: number;
  /** UTF-16 offset just past the match, including an attached suffix. */
  end: number;
  entryId: Id;
  /** `text.slice(start, end)` */
  matched: string;
  /** Suffix that was attached to the last word ("nya" for "Politbironya"), or "". */
  suffix: string;
}

export interface PatternConflict<Id extends EntryId = EntryId> {
  pattern: string;
  entryId: Id;
  /** The entry that registered an equivalent pattern first and keeps it. */
  keptEntryId: Id;
}

export interface GlossaryMatcher<Id extends EntryId = EntryId> {
  find(text: string): Match<Id>[];
  /** Number of distinct patterns compiled. */
  readonly patternCount: number;
  /** Equivalent patterns claimed by more than one entry (the first one wins). */
  readonly conflicts: readonly PatternConflict<Id>[];
}

export const INDONESIAN_SUFFIXES: readonly string[] = ["nya", "lah", "kah", "pun", "ku", "mu"];

// A stem shorter than this is too likely to be a different word ("ku" + "mu").
const MIN_STEM_LENGTH = 2;

// Hyphens (and the soft hyphen) separate words like a space does, so
// "Kim Jong-un" and "Kim Jong Un" compile to the same pattern.
const SPACE_LIKE_RE = new RegExp(String.raw`[\s\u00AD${HYPHEN_CLASS}]+`, "gu");
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/u;

/** The matcher works on word parts: a hyphen between them is a gap like a space. */
export type WordSpan = Span;

/**
 * Canonical form of the characters between two words: whitespace and hyphens
 * collapse to " ", other punctuation is kept (so "Korea. Utara" is not
 * "Korea Utara", while "Dewan Keamanan (DK) PBB" keeps its parentheses).
 */
export function normalizeGap(gap: string): string {
  if (gap === " ") return " ";
  const g = foldQuotes(gap.replace(SPACE_LIKE_RE, ""));
  return g === "" ? " " : g;
}

/** True for a word with at least one capital letter and no lowercase letter ("PBB", "G20"). */
export function isAllCaps(word: string): boolean {
  return UPPER_RE.test(word) && !LOWER_RE.test(word);
}

interface CompiledToken {
  gap: string;
  /** Exact spelling for acronyms, lowercase otherwise. */
  key: string;
  sensitive: boolean;
}

function compilePattern(pattern: string, acronymsCaseSensitive: boolean): CompiledToken[] {
  const spans = wordParts(pattern);
  const out: CompiledToken[] = [];
  let prevEnd = -1;
  for (const span of spans) {
    const word = composed(pattern.slice(span.start, span.end));
    const sensitive = acronymsCaseSensitive && isAllCaps(word);
    out.push({
      gap: prevEnd < 0 ? "" : normalizeGap(pattern.slice(prevEnd, span.start)),
      key: sensitive ? word : word.toLowerCase(),
      sensitive,
    });
    prevEnd = span.end;
  }
  return out;
}

/**
 * A canonical string for a pattern: two patterns with the same key match
 * exactly the same text. Empty when the pattern has no word.
 */
export function patternKey(pattern: string, options: MatcherOptions = {}): string {
  return compilePattern(pattern, options.acronymsCaseSensitive ?? true)
    .map((t) => `${t.gap}${t.sensitive ? "=" : "~"}${t.key}`)
    .join("\u0001");
}

/** Children reached after a given gap: acronym words by exact spelling, others folded. */
interface Edges {
  exact: Map<string, TrieNode> | null;
  folded: Map<string, TrieNode> | null;
}

interface TrieNode {
  /** gap -> edges. The root uses the gap "". */
  next: Map<string, Edges> | null;
  /** Index into the entry list, or -1. */
  entry: number;
  words: number;
  /** Case-sensitive words on the path: prefer exact acronym hits on ties. */
  sensitive: number;
}

const newNode = (words: number, sensitive: number): TrieNode => ({
  next: null,
  entry: -1,
  words,
  sensitive,
});

interface Candidate {
  firstToken: number;
  lastToken: number;
  start: number;
  end: number;
  node: TrieNode;
  suffix: string;
}

/** Per-token lookup forms, reused across tokens to avoid allocation. */
interface TokenForms {
  exact: string | null;
  folded: string;
  /** Stems (exact or folded per `stemExact`) that can end a pattern, with their suffixes. */
  stems: string[];
  stemExact: boolean[];
  stemSuffixes: string[];
}

function advance(
  edges: Edges,
  forms: TokenForms,
  firstToken: number,
  lastToken: number,
  spans: readonly WordSpan[],
  candidates: Candidate[],
  nextLive: TrieNode[],
  nextFirst: number[],
): void {
  const start = (spans[firstToken] as WordSpan).start;
  const end = (spans[lastToken] as WordSpan).end;
  for (let k = 0; k < 2; k++) {
    const map = k === 0 ? edges.folded : edges.exact;
    const key = k === 0 ? forms.folded : forms.exact;
    if (!map || key === null) continue;
    const child = map.get(key);
    if (!child) continue;
    if (child.entry >= 0)
      candidates.push({ firstToken, lastToken, start, end, node: child, suffix: "" });
    if (child.next) {
      nextLive.push(child);
      nextFirst.push(firstToken);
    }
  }
  // A suffix can only end a pattern, so a stem never continues a partial match.
  for (let k = 0; k < forms.stems.length; k++) {
    const map = forms.stemExact[k] ? edges.exact : edges.folded;
    const child = map?.get(forms.stems[k] as string);
    if (child && child.entry >= 0) {
      candidates.push({
        firstToken,
        lastToken,
        start,
        end,
        node: child,
        suffix: forms.stemSuffixes[k] as string,
      });
    }
  }
}

export function buildMatcher<Id extends EntryId>(
  entries: readonly MatcherEntry<Id>[],
  options: MatcherOptions = {},
): GlossaryMatcher<Id> {
  const acronymsCaseSensitive = options.acronymsCaseSensitive ?? true;
  const suffixes = [
    ...new Set(
      (options.suffixes ?? INDONESIAN_SUFFIXES).map((s) => s.toLowerCase()).filter((s) => s),
    ),
  ];
  const ids: Id[] = [];
  const root = newNode(0, 0);
  const conflicts: PatternConflict<Id>[] = [];
  // Last words of patterns: a stem is only worth looking up if it is one of them.
  const lastExact = new Set<string>();
  const lastFolded = new Set<string>();
  let patternCount = 0;

  entries.forEach((entry, index) => {
    ids.push(entry.id);
    for (const pattern of entry.patterns) {
      const tokens = compilePattern(pattern, acronymsCaseSensitive);
      if (tokens.length === 0) continue;
      let node = root;
      let sensitive = 0;
      tokens.forEach((token, depth) => {
        if (token.sensitive) sensitive++;
        node.next ??= new Map();
        let edges = node.next.get(token.gap);
        if (!edges) {
          edges = { exact: null, folded: null };
          node.next.set(token.gap, edges);
        }
        const map = token.sensitive ? (edges.exact ??= new Map()) : (edges.folded ??= new Map());
        let child = map.get(token.key);
        if (!child) {
          child = newNode(depth + 1, sensitive);
          map.set(token.key, child);
        }
        node = child;
      });
      const last = tokens[tokens.length - 1] as CompiledToken;
      (last.sensitive ? lastExact : lastFolded).add(last.key);
      if (node.entry < 0) {
        node.entry = index;
        patternCount++;
      } else if (node.entry !== index) {
        const kept = ids[node.entry] as Id;
        conflicts.push({ pattern, entryId: entry.id, keptEntryId: kept });
      }
    }
  });

  const forms: TokenForms = { exact: null, folded: "", stems: [], stemExact: [], stemSuffixes: [] };

  function addStem(stem: string, suffix: string): void {
    const lower = stem.toLowerCase();
    if (lastFolded.has(lower)) {
      forms.stems.push(lower);
      forms.stemExact.push(false);
      forms.stemSuffixes.push(suffix);
    }
    if (lower !== stem && lastExact.has(stem) && isAllCaps(stem)) {
      forms.stems.push(stem);
      forms.stemExact.push(true);
      forms.stemSuffixes.push(suffix);
    }
  }

  /** Fills `forms` for one text word. */
  function prepare(raw: string): void {
    const word = composed(raw);
    const lower = word.toLowerCase();
    forms.folded = lower;
    forms.exact = acronymsCaseSensitive && lower !== word && isAllCaps(word) ? word : null;
    // Truncating an array is not free; most words have no stems to clear.
    if (forms.stems.length > 0) {
      forms.stems.length = 0;
      forms.stemExact.length = 0;
      forms.stemSuffixes.length = 0;
    }
    for (const s1 of suffixes) {
      if (lower.length - s1.length < MIN_STEM_LENGTH || !lower.endsWith(s1)) continue;
      const cut1 = word.length - s1.length;
      addStem(word.slice(0, cut1), word.slice(cut1));
      const lower1 = lower.slice(0, cut1);
      for (const s2 of suffixes) {
        if (lower1.length - s2.length < MIN_STEM_LENGTH || !lower1.endsWith(s2)) continue;
        const cut2 = cut1 - s2.length;
        addStem(word.slice(0, cut2), word.slice(cut2));
      }
    }
  }

  function find(text: string): Match<Id>[] {
    const spans = wordParts(text);
    const candidates: Candidate[] = [];
    let live: TrieNode[] = [];
    let liveFirst: number[] = [];
    let nextLive: TrieNode[] = [];
    let nextFirst: number[] = [];
    const rootEdges = root.next?.get("");

    for (let ti = 0; ti < spans.length; ti++) {
      const span = spans[ti] as WordSpan;
      prepare(text.slice(span.start, span.end));
      if (nextLive.length > 0) {
        nextLive.length = 0;
        nextFirst.length = 0;
      }
      if (live.length > 0) {
        const prevEnd = (spans[ti - 1] as WordSpan).end;
        const gap = normalizeGap(text.slice(prevEnd, span.start));
        for (let j = 0; j < live.length; j++) {
          const edges = (live[j] as TrieNode).next?.get(gap);
          if (edges)
            advance(
              edges,
              forms,
              liveFirst[j] as number,
              ti,
              spans,
              candidates,
              nextLive,
              nextFirst,
            );
        }
      }
      if (rootEdges) advance(rootEdges, forms, ti, ti, spans, candidates, nextLive, nextFirst);
      [live, nextLive] = [nextLive, live];
      [liveFirst, nextFirst] = [nextFirst, liveFirst];
    }

    return select(candidates, spans.length).map((c) => ({
      start: c.start,
      end: c.end,
      entryId: ids[c.node.entry] as Id,
      matched: text.slice(c.start, c.end),
      suffix: c.suffix,
    }));
  }

  return { find, patternCount, conflicts };
}

/**
 * Longest match wins: candidates are taken by decreasing word count, then
 * character length, then exactness, then position; anything overlapping an
 * already chosen match is dropped. Result is in text order.
 */
function select(candidates: Candidate[], tokenCount: number): Candidate[] {
  if (candidates.length <= 1) return candidates;
  const order = candidates
    .slice()
    .sort(
      (a, b) =>
        b.node.words - a.node.words ||
        b.end - b.start - (a.end - a.start) ||
        (a.suffix === "" ? 0 : 1) - (b.suffix === "" ? 0 : 1) ||
        b.node.sensitive - a.node.sensitive ||
        a.start - b.start ||
        a.node.entry - b.node.entry,
    );
  const taken = new Uint8Array(tokenCount);
  const chosen: Candidate[] = [];
  for (const c of order) {
    let free = true;
    for (let t = c.firstToken; t <= c.lastToken; t++) {
      if (taken[t]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.firstToken, c.lastToken + 1);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** English inflections a rendering may carry in a translation ("summits", "sanctions"). */
export const ENGLISH_SUFFIXES = ["s", "es"] as const;

/**
 * English-side matcher for finding a rendering in a translation: plural endings
 * accepted (possessives already match, the apostrophe ends the word),
 * case-insensitive, except that all-capital renderings ("US", "UN") still need
 * capitals so that "US" does not match the pronoun "us". Pass
 * `{ acronymsCaseSensitive: false }` for fully case-insensitive matching.
 */
export function buildEnglishMatcher<Id extends EntryId>(
  entries: readonly MatcherEntry<Id>[],
  options: MatcherOptions = {},
): GlossaryMatcher<Id> {
  return buildMatcher(entries, {
    suffixes: ENGLISH_SUFFIXES,
    acronymsCaseSensitive: true,
    ...options,
  });
}

/** Matcher entries for a glossary: the term plus its aliases (Indonesian side). */
export function sourcePatterns<Id extends EntryId>(
  entries: readonly { id: Id; term: string; aliases?: readonly string[] }[],
): MatcherEntry<Id>[] {
  return entries.map((e) => ({ id: e.id, patterns: [e.term, ...(e.aliases ?? [])] }));
}

/**
 * Matcher entries for the English renderings of a glossary. A rendering with a
 * leading article also matches without it: "the Kremlin" is rendered in
 * "Kremlin officials".
 */
export function targetPatterns<Id extends EntryId>(
  entries: readonly { id: Id; translation: string }[],
): MatcherEntry<Id>[] {
  return entries.map((e) => {
    const bare = e.translation.replace(/^the\s+/i, "");
    return {
      id: e.id,
      patterns: bare && bare !== e.translation ? [e.translation, bare] : [e.translation],
    };
  });
}
