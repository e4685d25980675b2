/**
 * Indonesian word → root, using the Sastrawi algorithm (sastrawijs).
 *
 * Pure and synchronous; results are memoized because callers stem every word of
 * whole articles and the same words recur constantly.
 */
import { Stemmer } from "sastrawijs";
import { foldCase, foldQuotes } from "../text/fold";

// Enclitics that can be written after a hyphen ("Jokowi-nya", "apa-kah").
const CLITICS = new Set(["nya", "lah", "kah", "tah", "pun", "ku", "mu"]);

const VOWEL = "aiueo";

// The stemmer holds a ~30k-word root list; build it only when first needed.
let stemmer: Stemmer | null = null;
function getStemmer(): Stemmer {
  stemmer ??= new Stemmer();
  return stemmer;
}

// Bounded so a long-running server cannot grow it without limit.
const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

/**
 * Lower-cases, normalizes Unicode and hyphen/apostrophe variants, and strips
 * punctuation around the word (quotes, brackets, full stops). Inner hyphens and
 * apostrophes are kept: they carry meaning (reduplication, names).
 */
export function normalizeWord(word: string): string {
  return foldCase(foldQuotes(word.normalize("NFC")))
    .replace(/[\u2010\u2011\u00ad]/g, (c) => (c === "\u00ad" ? "" : "-"))
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

/** Whether the word is in Sastrawi's list of Indonesian roots (so carries no affix). */
export function isRootWord(word: string): boolean {
  return getStemmer().find(normalizeWord(word));
}

/** Sastrawi on one hyphen-free, already normalized word. */
function stemSimple(word: string): string {
  if (!/\p{L}/u.test(word)) return word; // numbers and codes are their own root
  const root = getStemmer().stem(word);
  // Sastrawi tries the bare remainder before restoring the dropped consonant, so
  // memuji → uji, menurut → urut. Before a vowel, mem-/men-/pem-/pen- only come
  // from p-/m- and t-/n- roots (vowel roots take meng-/peng-), so a
  // vowel-initial root there is wrong whenever a consonant reading exists.
  const prefix = /^(?:mem|men|pem|pen)(?=[aiueo])/.exec(word)?.[0];
  if (
    prefix !== undefined &&
    VOWEL.includes(root[0] ?? "") &&
    word.startsWith(root.slice(0, 2), prefix.length)
  ) {
    const restored = assimilationReadings(word).find((r) => !VOWEL.includes(r[0] ?? ""));
    if (restored !== undefined) return restored;
  }
  return root;
}

function stemHyphenated(word: string): string {
  const parts = word.split("-").filter((p) => p.length > 0);
  while (parts.length > 1 && CLITICS.has(parts[parts.length - 1] ?? "")) parts.pop();
  const [first, second] = parts;
  if (first === undefined) return word;
  if (second === undefined) return stemSimple(first);
  if (parts.length === 2) {
    const a = stemSimple(first);
    const b = stemSimple(second);
    // Full reduplication, possibly affixed: negara-negara, negara-negaranya,
    // berlari-lari (lari = lari).
    if (first === second || a === b) return a;
    // Partial reduplication repeats the root after an affixed first half:
    // memukul-mukul → pukul, but sebaik-baiknya → baik (Sastrawi keeps "sebaik").
    if (first.endsWith(second) || first.endsWith(b)) return a !== first ? a : b;
  }
  // A real compound or name (pasca-perang, covid-19, jong-un): keep it whole.
  return parts.join("-");
}

/** The root of an Indonesian word: menyatakan → nyata, negara-negara → negara. */
export function stemWord(word: string): string {
  const normalized = normalizeWord(word);
  if (normalized === "") return "";
  const cached = cache.get(normalized);
  if (cached !== undefined) return cached;
  const root = normalized.includes("-") ? stemHyphenated(normalized) : stemSimple(normalized);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(normalized, root);
  return root;
}

// meN-/peN- assimilate the root's first sound, so one surface form can come from
// several roots (mengunjungi: kunjung or unjung). These are the root onsets each
// spelling allows, in Sastrawi's own order of preference (memakan: makan before
// pakan); longer prefixes first so the first match is the prefix.
const NASAL_ALTERNATIVES: readonly [prefix: string, onsets: readonly string[]][] = [
  ["meng", ["k", ""]],
  ["peng", ["k", ""]],
  ["meny", ["s", "ny"]],
  ["peny", ["s", "ny"]],
  ["mem", ["m", "p"]],
  ["pem", ["m", "p"]],
  ["men", ["n", "t"]],
  ["pen", ["n", "t"]],
];

/**
 * Known roots for each reading of a meN-/peN- word's nasal, in onset order.
 * A reading counts only if its root starts right where the prefix ends (so
 * Sastrawi stripping further affixes off a wrong reading is not accepted).
 */
function assimilationReadings(word: string): string[] {
  const readings: string[] = [];
  for (const [prefix, onsets] of NASAL_ALTERNATIVES) {
    if (!word.startsWith(prefix)) continue;
    const rest = word.slice(prefix.length);
    if (rest.length < 3 || !VOWEL.includes(rest[0] ?? "")) continue;
    for (const onset of onsets) {
      const base = onset + rest;
      const root = getStemmer().stem(base);
      if (
        getStemmer().find(root) &&
        root.startsWith(base.slice(0, onset.length + 2)) &&
        !readings.includes(root)
      ) {
        readings.push(root);
      }
    }
    break;
  }
  return readings;
}

/**
 * The root first, then other plausible roots from the meN-/peN- ambiguity, for
 * look-ups that find nothing under the first root.
 */
export function rootCandidates(word: string): string[] {
  const root = stemWord(word);
  const w = normalizeWord(word);
  if (w.includes("-")) return [root];
  return [root, ...assimilationReadings(w).filter((r) => r !== root)];
}
