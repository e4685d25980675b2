/**
 * Term protection for machine translation: glossary terms in the source are
 * swapped for opaque tokens (TERM0, TERM1, ...) that the model copies through,
 * and the tokens in its output are then replaced with the glossary renderings.
 */
import type { EntryId, Match } from "./matcher";

export interface PlaceholderEntry<Id extends EntryId = EntryId> {
  id: Id;
  translation: string;
}

export interface ProtectedTerm<Id extends EntryId = EntryId> {
  /** "TERM0", "TERM1", ... in order of first appearance. */
  placeholder: string;
  entryId: Id;
  translation: string;
  /** Source spellings this placeholder stands for, in order of appearance. */
  sources: string[];
}

export interface RestoreResult<Id extends EntryId = EntryId> {
  text: string;
  /** Placeholders that were sent but are absent from the model output. */
  missing: ProtectedTerm<Id>[];
  /** Placeholder-like tokens in the output that were never sent (left as is). */
  unknown: string[];
}

export interface ProtectedText<Id extends EntryId = EntryId> {
  /** Source text with terms replaced by placeholders. */
  text: string;
  terms: ProtectedTerm<Id>[];
  /** Replaces placeholders in the model output with the renderings. */
  restore(translated: string): string;
  /** Same as `restore`, plus which placeholders were dropped or unknown. */
  restoreWithReport(translated: string): RestoreResult<Id>;
}

export const PLACEHOLDER_PREFIX = "TERM";

// Models sometimes change case or split the token ("Term0", "TERM 0", "TERM_0");
// the negative look-arounds keep "TERM1" from matching inside "TERM12" or a word.
const PLACEHOLDER_RE = /(?<![\p{L}\p{N}])TERM[ _-]?(\d{1,4})(?!\p{N})/giu;

type MatchLike<Id extends EntryId> = Pick<Match<Id>, "start" | "end" | "entryId">;

export function protectTerms<Id extends EntryId>(
  source: string,
  matches: readonly MatchLike<Id>[],
  entries: Iterable<PlaceholderEntry<Id>> | ReadonlyMap<Id, PlaceholderEntry<Id>>,
): ProtectedText<Id> {
  const byId = toMap(entries);
  const spans = mergeParentheticals(source, usableMatches(source, matches, byId));

  const terms: ProtectedTerm<Id>[] = [];
  const termByEntry = new Map<Id, ProtectedTerm<Id>>();
  let out = "";
  let pos = 0;
  for (const span of spans) {
    let term = termByEntry.get(span.entryId);
    if (!term) {
      const entry = byId.get(span.entryId) as PlaceholderEntry<Id>;
      term = {
        placeholder: `${PLACEHOLDER_PREFIX}${terms.length}`,
        entryId: span.entryId,
        translation: entry.translation,
        sources: [],
      };
      terms.push(term);
      termByEntry.set(span.entryId, term);
    }
    term.sources.push(source.slice(span.start, span.end));
    out += source.slice(pos, span.start) + term.placeholder;
    pos = span.end;
  }
  out += source.slice(pos);

  const restoreWithReport = (translated: string): RestoreResult<Id> => restore(translated, terms);
  return {
    text: out,
    terms,
    restore: (translated) => restoreWithReport(translated).text,
    restoreWithReport,
  };
}

function toMap<Id extends EntryId>(
  entries: Iterable<PlaceholderEntry<Id>> | ReadonlyMap<Id, PlaceholderEntry<Id>>,
): ReadonlyMap<Id, PlaceholderEntry<Id>> {
  if (entries instanceof Map) return entries as ReadonlyMap<Id, PlaceholderEntry<Id>>;
  const map = new Map<Id, PlaceholderEntry<Id>>();
  for (const e of entries as Iterable<PlaceholderEntry<Id>>) map.set(e.id, e);
  return map;
}

/** Sorted, in-bounds, non-overlapping matches whose entry is known. */
function usableMatches<Id extends EntryId>(
  source: string,
  matches: readonly MatchLike<Id>[],
  byId: ReadonlyMap<Id, PlaceholderEntry<Id>>,
): MatchLike<Id>[] {
  const sorted = matches
    .filter((m) => byId.has(m.entryId) && m.start >= 0 && m.end > m.start && m.end <= source.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MatchLike<Id>[] = [];
  let lastEnd = -1;
  for (const m of sorted) {
    if (m.start < lastEnd) continue;
    out.push({ start: m.start, end: m.end, entryId: m.entryId });
    lastEnd = m.end;
  }
  return out;
}

/**
 * "Amerika Serikat (AS)" is the term followed by its own abbreviation; as two
 * placeholders it would come back as "United States (United States)", so the
 * pair becomes one span.
 */
function mergeParentheticals<Id extends EntryId>(
  source: string,
  spans: MatchLike<Id>[],
): MatchLike<Id>[] {
  const out: MatchLike<Id>[] = [];
  for (let i = 0; i < spans.length; i++) {
    const cur = spans[i] as MatchLike<Id>;
    const next = spans[i + 1];
    if (
      next &&
      next.entryId === cur.entryId &&
      /^\s*\(\s*$/.test(source.slice(cur.end, next.start))
    ) {
      const close = /^\s*\)/.exec(source.slice(next.end));
      if (close) {
        out.push({ start: cur.start, end: next.end + close[0].length, entryId: cur.entryId });
        i++;
        continue;
      }
    }
    out.push(cur);
  }
  return out;
}

function restore<Id extends EntryId>(
  translated: string,
  terms: readonly ProtectedTerm<Id>[],
): RestoreResult<Id> {
  const found = new Set<number>();
  const unknown: string[] = [];
  let out = "";
  let pos = 0;
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(translated); m !== null; m = PLACEHOLDER_RE.exec(translated)) {
    const index = Number(m[1]);
    const term = terms[index];
    if (!term) {
      unknown.push(m[0]);
      continue;
    }
    found.add(index);
    const before = out + translated.slice(pos, m.index);
    out = before + render(term.translation, before);
    pos = m.index + m[0].length;
  }
  out += translated.slice(pos);
  return { text: out, missing: terms.filter((_, i) => !found.has(i)), unknown };
}

/** The rendering adjusted to where it lands in the English text. */
function render(translation: string, before: string): string {
  let r = translation;
  // Renderings such as "the West" would otherwise yield "the the West".
  if (/^the\s/i.test(r) && /(?:^|[^\p{L}])the\s+$/iu.test(before)) {
    r = r.replace(/^the\s+/i, "");
  }
  if (isSentenceStart(before)) r = r.charAt(0).toUpperCase() + r.slice(1);
  return r;
}

function isSentenceStart(before: string): boolean {
  // Skip whitespace and opening quotes/brackets, then look for a sentence end.
  const trimmed = before.replace(/[\s"'“‘«(\[]+$/u, "");
  return trimmed === "" || /[.!?…]["'”’»)\]]*$/u.test(trimmed) || /\n\s*$/.test(before);
}
