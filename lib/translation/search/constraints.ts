/**
 * Glossary renderings as constraints of the beam search. A rendering is met
 * when the hypothesis's text carries it by the glossary's own rule (any case
 * but for acronyms, plural or possessive accepted: `buildEnglishMatcher`), so
 * the model may spell it with whichever tokens it likes. Its spellings as
 * token sequences (as written, capitalised, with or without a leading "the")
 * are what the search proposes at every step, wherever the model ranks them.
 *
 * A rendering is never written beside the model's own wording of the same
 * term: a hypothesis may mention a rendering, or a word made from it by a
 * short ending ("South Korean" for "South Korea", "Russian" for "Russia"),
 * no more often than the source has the term, and a mention that is not the
 * rendering itself uses up that allowance.
 */
import {
  buildEnglishMatcher,
  isAllCaps,
  targetPatterns,
  type GlossaryMatcher,
} from "../../glossary/matcher";

export interface ConstraintRendering {
  /** English rendering, e.g. "UN Security Council". */
  text: string;
  /** How many times the source has the term: the most mentions the translation may hold. */
  allowed: number;
  /** Token sequences that write it. */
  spellings: number[][];
  /**
   * The model's own wordings of the term where they differ from the rendering
   * ("North Korea" where the glossary wants "DPRK"): a mention too.
   */
  wordings?: string[];
  /** The term as the source writes it. */
  term?: string;
}

export interface ConstraintState {
  /** The hypothesis's text so far. */
  text: string;
  /** Per rendering: whether it stands. */
  met: boolean[];
  /** Spellings under way: [rendering, spelling, tokens written]. */
  open: [number, number, number][];
  /**
   * Matches that end at or before `cut`, per rendering: text appended later
   * cannot change them, so each step looks again only at the text after
   * `cut` less the longest match.
   */
  cut: number;
  settled: Tally;
}

/** Per rendering: times it stands, and times it is mentioned. */
interface Tally {
  stands: number[];
  mentions: number[];
}

// A mention is the rendering followed by at most this many letters of the same word.
const MENTION_ENDING = 3;
// More than any spelling's length in tokens: one rendering written outranks any part of another.
const LEVELS_PER_RENDERING = 1000;

export class ConstraintTracker {
  private readonly matcher: GlossaryMatcher<number>;
  private readonly mentions: RegExp[][];
  private readonly breaks: number;
  /** More characters than any match can span. */
  private readonly reach: number;

  constructor(
    private readonly renderings: readonly ConstraintRendering[],
    /** The text a token adds ("▁Korea" → " Korea"). */
    private readonly piece: (token: number) => string,
    /**
     * The source sentence: a hypothesis may not go on past as many sentence
     * ends as it has (a rendering goes in the sentence, not after its stop).
     */
    source = "",
  ) {
    this.breaks = sentenceBreaks(source);
    this.matcher = buildEnglishMatcher(
      targetPatterns(renderings.map((r, id) => ({ id, translation: r.text }))),
    );
    this.mentions = renderings.map((r) => [
      mentionPattern(r.text),
      ...(r.wordings ?? []).map((w) => mentionPattern(w, 0)),
    ]);
    const longest = Math.max(
      0,
      ...renderings.flatMap((r) => [r.text.length, ...(r.wordings ?? []).map((w) => w.length)]),
    );
    this.reach = longest + MENTION_ENDING + 8;
  }

  initial(): ConstraintState {
    const zeros = () => this.renderings.map(() => 0);
    return {
      text: "",
      met: this.renderings.map(() => false),
      open: [],
      cut: 0,
      settled: { stands: zeros(), mentions: zeros() },
    };
  }

  /** The state after `token`, or null when the token would write a rendering beside another mention of it. */
  advance(state: ConstraintState, token: number): ConstraintState | null {
    const text = state.text + this.piece(token);
    if (sentenceBreaks(text) > this.breaks) return null;
    const measured = this.measure(text, state);
    if (measured === null) return null;
    const { met, cut, settled } = measured;
    const open: [number, number, number][] = [];
    for (const [r, s, done] of state.open) {
      if (met[r]) continue;
      const spelling = this.renderings[r]!.spellings[s]!;
      if (spelling[done] === token && done + 1 < spelling.length) open.push([r, s, done + 1]);
    }
    this.renderings.forEach((rendering, r) => {
      if (met[r]) return;
      rendering.spellings.forEach((spelling, s) => {
        if (spelling[0] === token && spelling.length > 1) open.push([r, s, 1]);
      });
    });
    return { text, met, open, cut, settled };
  }

  /** Tokens that continue a spelling under way, or start one of a rendering not yet written. */
  nextTokens(state: ConstraintState): number[] {
    const tokens = new Set<number>();
    for (const [r, s, done] of state.open) tokens.add(this.renderings[r]!.spellings[s]![done]!);
    this.renderings.forEach((rendering, r) => {
      if (state.met[r]) return;
      for (const spelling of rendering.spellings) tokens.add(spelling[0]!);
    });
    return [...tokens];
  }

  complete(state: ConstraintState): boolean {
    return state.met.every(Boolean);
  }

  /** Whether the translation may end here: every rendering stands, and a mention at its very end is counted too. */
  canEnd(state: ConstraintState): boolean {
    return this.complete(state) && this.measure(state.text + " ", state) !== null;
  }

  /** How many renderings stand. */
  written(state: ConstraintState): number {
    return state.met.filter(Boolean).length;
  }

  /**
   * The bank of a hypothesis: renderings written, then tokens written of the
   * furthest spelling under way (so a rendering half written is not crowded
   * out by hypotheses that have only just started it).
   */
  level(state: ConstraintState): number {
    let under = 0;
    for (const [, , done] of state.open) under = Math.max(under, done);
    return LEVELS_PER_RENDERING * state.met.filter(Boolean).length + under;
  }

  /** Per rendering: whether a finished text carries it (mentions aside). */
  carries(text: string): boolean[] {
    const standing = new Set(this.matcher.find(text).map((m) => m.entryId));
    return this.renderings.map((_, r) => standing.has(r));
  }

  /**
   * Which renderings the text carries, or null when one is mentioned more
   * often than allowed; with the new settled tally. Only the text from the
   * last cut less the reach of a match is searched again.
   */
  private measure(
    text: string,
    state: ConstraintState,
  ): { met: boolean[]; cut: number; settled: Tally } | null {
    const from = wordStartBefore(text, state.cut - this.reach);
    const cut = Math.max(state.cut, wordStartBefore(text, text.length - this.reach));
    const settled: Tally = {
      stands: [...state.settled.stands],
      mentions: [...state.settled.mentions],
    };
    const recent: Tally = {
      stands: this.renderings.map(() => 0),
      mentions: this.renderings.map(() => 0),
    };
    const tally = (kind: keyof Tally, r: number, end: number) => {
      if (end <= state.cut) return;
      (end <= cut ? settled : recent)[kind][r]!++;
    };
    const standing = this.matcher.find(text.slice(from)).map((m) => ({
      r: m.entryId,
      start: m.start + from,
      end: m.end + from,
    }));
    for (const m of standing) tally("stands", m.r, m.end);
    for (let r = 0; r < this.renderings.length; r++) {
      // A mention inside another rendering ("North Korean" in "North Korean leader") is that one's.
      const others = standing.filter((m) => m.r !== r);
      for (const [start, end] of mentionSpans(this.mentions[r]!, text, from)) {
        // A mention at the very end may be a rendering being written ("Kim" of "Kim Jong Un"): it counts once followed.
        if (end === text.length) continue;
        if (!others.some((m) => start < m.end && m.start < end)) tally("mentions", r, end);
      }
    }
    const met: boolean[] = [];
    for (let r = 0; r < this.renderings.length; r++) {
      const stands = settled.stands[r]! + recent.stands[r]! > 0;
      const mentions = settled.mentions[r]! + recent.mentions[r]!;
      const allowed = this.renderings[r]!.allowed;
      // Over the allowance, or the allowance used up by a mention that is not the rendering.
      if (mentions > allowed || (mentions >= allowed && !stands)) return null;
      met.push(stands);
    }
    return { met, cut, settled };
  }
}

/** The start of the word at or before `at` (0 when there is none): where a search may begin. */
function wordStartBefore(text: string, at: number): number {
  if (at <= 0) return 0;
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    if (/\s/u.test(text[i]!)) return i + 1;
  }
  return 0;
}

/** The rendering (with or without its leading "the") at a word start, followed by a short ending. */
function mentionPattern(rendering: string, ending = MENTION_ENDING): RegExp {
  const bare = rendering.trim().replace(/^the\s+/i, "");
  const words = bare.split(/[\s\-\u2010\u2011]+/u).filter(Boolean);
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const caseSensitive = words.some(isAllCaps);
  return new RegExp(
    String.raw`(?<![\p{L}\p{N}])${escaped.join(String.raw`[\s\-\u2010\u2011]+`)}\p{L}{0,${ending}}(?![\p{L}\p{N}])`,
    caseSensitive ? "gu" : "giu",
  );
}

/** Sentence ends followed by more text. */
function sentenceBreaks(text: string): number {
  return text.match(/[.!?]+["'\u201D\u2019)]*\s+\S/gu)?.length ?? 0;
}

function spans(pattern: RegExp, text: string, from = 0): [number, number][] {
  pattern.lastIndex = from;
  const found: [number, number][] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    found.push([m.index, m.index + m[0].length]);
  }
  return found;
}

/** Mentions by the first pattern (the rendering), then by the others where they do not overlap one already found. */
function mentionSpans(patterns: readonly RegExp[], text: string, from = 0): [number, number][] {
  const found: [number, number][] = [];
  for (const pattern of patterns) {
    for (const [start, end] of spans(pattern, text, from)) {
      if (!found.some(([f, t]) => start < t && f < end)) found.push([start, end]);
    }
  }
  return found;
}

/** How many times the text mentions the rendering, in the sense above (for measuring renderings written twice). */
export function mentionsOf(rendering: string, text: string, ending = MENTION_ENDING): number {
  return mentionSpans([mentionPattern(rendering, ending)], text).length;
}
