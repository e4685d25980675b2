/**
 * Indonesian → English word look-up over the bundled dictionary
 * (lib/lookup/data/id-en.json, built by scripts/content/build-dictionary.ts from
 * FreeDict eng-ind, CC BY-SA 3.0 — see lib/lookup/data/ATTRIBUTION.md), and,
 * for words FreeDict cannot explain, the project's own short word list
 * (lib/lookup/data/supplement.json, not derived from FreeDict).
 *
 * Server-only (reads the file with fs); no database.
 */
import fs from "node:fs";
import path from "node:path";
import { isRootWord, normalizeWord, rootCandidates, stemWord } from "./stem";

export interface LookupSense {
  gloss: string;
  /** "noun", "verb", "adjective"…; several joined with ", " when they share the gloss. */
  pos?: string;
  /**
   * Short English definition of the sense(s) behind the gloss (in the supplement,
   * a usage note), when the source has one.
   */
  definition?: string;
  /**
   * "dwibahasa" when the sense comes from the project's own supplementary list
   * (lib/lookup/data/supplement.json) rather than FreeDict; absent for FreeDict.
   */
  source?: "dwibahasa";
}

export interface LookupResult {
  /** The word as looked up: lower-cased, surrounding punctuation removed. */
  word: string;
  /** Its root; when the senses came through a root, that root. */
  root: string;
  /** Best first; empty when the dictionary knows neither the word nor its root. */
  senses: LookupSense[];
  /** The dictionary form the senses belong to (the word, its root, or a form sharing the root). */
  matchedForm: string | null;
}

export interface DictionaryMeta {
  source: string;
  edition: string | null;
  license: string;
  licenseUrl: string;
  attribution: string;
}

interface DictionaryFile {
  meta: DictionaryMeta;
  /** Form → [gloss, pos?, definition?] tuples ("" for a missing pos). */
  entries: Record<string, string[][]>;
  /** Root → other dictionary forms built on it, closest first. */
  stems: Record<string, string[]>;
}

/** The project's own word list, consulted only when FreeDict gives no senses. */
interface SupplementFile {
  meta: { source: string; license: string; note?: string };
  /** Word or root → senses, best first. */
  entries: Record<string, { gloss: string; pos?: string; definition?: string }[]>;
}

let data: DictionaryFile | null = null;
let supplement: SupplementFile | null = null;

// Read on first use (about 1 MB) rather than at import, so pages that never
// look a word up do not pay for it.
function load(): DictionaryFile {
  data ??= JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "lib/lookup/data/id-en.json"), "utf8"),
  ) as DictionaryFile;
  return data;
}

// Small, but read lazily and once for the same reason.
function loadSupplement(): SupplementFile {
  supplement ??= JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "lib/lookup/data/supplement.json"), "utf8"),
  ) as SupplementFile;
  return supplement;
}

// Own properties only: a word like "constructor" must not hit Object.prototype.
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function toSenses(tuples: string[][]): LookupSense[] {
  return tuples.map(([gloss = "", pos = "", definition = ""]) => {
    const sense: LookupSense = { gloss };
    if (pos !== "") sense.pos = pos;
    if (definition !== "") sense.definition = definition;
    return sense;
  });
}

function supplementSenses(form: string): LookupSense[] | null {
  const senses = own(loadSupplement().entries, form);
  if (!senses || senses.length === 0) return null;
  return senses.map(({ gloss, pos, definition }) => {
    const sense: LookupSense = { gloss, source: "dwibahasa" };
    if (pos !== undefined && pos !== "") sense.pos = pos;
    if (definition !== undefined && definition !== "") sense.definition = definition;
    return sense;
  });
}

export function getDictionaryMeta(): DictionaryMeta {
  return { ...load().meta };
}

// Clitics written onto a word (katanya, menurutnya, itulah): the bare form is
// often itself a dictionary entry whose meaning is closer than the root's.
const CLITIC = /(?:nya|lah|kah|pun)$/;

function withoutClitics(word: string): string[] {
  const forms: string[] = [];
  // Words that merely end like a clitic (masalah, langkah) are roots themselves.
  if (isRootWord(word)) return forms;
  let current = word;
  // "-nyalah" carries two; the base must stay a plausible word.
  for (let i = 0; i < 2; i++) {
    const stripped = current.replace(CLITIC, "");
    if (stripped === current || stripped.length < 3) break;
    forms.push(stripped);
    current = stripped;
  }
  return forms;
}

/** An active, passive or stative verb form of root: me-, di-, ter- (with any suffix). */
function isVerbInflection(form: string, root: string): boolean {
  return form !== root && /^(?:me|di|ter)/.test(form);
}

/**
 * English senses for an Indonesian word: the exact form first (also without
 * clitics: menurutnya → menurut), then its root (kunjungannya → kunjung,
 * pemimpin → pimpin), then, for a verb form, another inflection of the same root
 * (diangkat → mengangkat). Only when FreeDict has nothing along that whole path
 * is the project's supplementary list asked, in the same order (word,
 * clitic-less form, root candidates); its senses carry source "dwibahasa".
 * Unknown words still get their root.
 */
export function lookupWord(word: string): LookupResult {
  const normalized = normalizeWord(word);
  const root = stemWord(word);
  const none: LookupResult = { word: normalized, root, senses: [], matchedForm: null };
  if (normalized === "") return none;
  const forms = [normalized, ...withoutClitics(normalized)];
  const roots = rootCandidates(word);
  return (
    lookupFreeDict(normalized, root, forms, roots) ??
    lookupSupplement(normalized, root, forms, roots) ??
    none
  );
}

function lookupFreeDict(
  normalized: string,
  root: string,
  forms: string[],
  roots: string[],
): LookupResult | null {
  const { entries, stems } = load();

  for (const form of forms) {
    const senses = own(entries, form);
    if (senses && senses.length > 0)
      return { word: normalized, root, senses: toSenses(senses), matchedForm: form };
  }

  for (const candidate of roots) {
    const senses = own(entries, candidate);
    if (senses && senses.length > 0) {
      return {
        word: normalized,
        root: candidate,
        senses: toSenses(senses),
        matchedForm: candidate,
      };
    }
  }
  // Forms sharing a root can mean quite different things (angkatan "forces",
  // pengangkatan "lifting"; telah "already", setelah "after"), so a related form
  // only stands in between verb inflections of the root (diangkat ↔ mengangkat,
  // dilaporkan ↔ melapor), and only after every root reading failed.
  if (!isVerbInflection(normalized, root)) return null;
  for (const candidate of roots) {
    for (const form of own(stems, candidate) ?? []) {
      const senses = own(entries, form);
      if (form !== normalized && isVerbInflection(form, candidate) && senses && senses.length > 0) {
        return { word: normalized, root: candidate, senses: toSenses(senses), matchedForm: form };
      }
    }
  }
  return null;
}

function lookupSupplement(
  normalized: string,
  root: string,
  forms: string[],
  roots: string[],
): LookupResult | null {
  for (const form of forms) {
    const senses = supplementSenses(form);
    if (senses) return { word: normalized, root, senses, matchedForm: form };
  }
  for (const candidate of roots) {
    const senses = supplementSenses(candidate);
    if (senses) return { word: normalized, root: candidate, senses, matchedForm: candidate };
  }
  return null;
}
