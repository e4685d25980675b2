/**
 * Indonesian → English word look-up over the bundled dictionary
 * (lib/lookup/data/id-en.json, built by scripts/build-dictionary.ts from
 * FreeDict eng-ind, CC BY-SA 3.0 — see lib/lookup/data/ATTRIBUTION.md).
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
  /** Short English definition of the sense(s) behind the gloss, when the source has one. */
  definition?: string;
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

let data: DictionaryFile | null = null;

// Read on first use (about 1 MB) rather than at import, so pages that never
// look a word up do not pay for it.
function load(): DictionaryFile {
  data ??= JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "lib/lookup/data/id-en.json"), "utf8"),
  ) as DictionaryFile;
  return data;
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
 * (diangkat → mengangkat). Unknown words still get their root.
 */
export function lookupWord(word: string): LookupResult {
  const normalized = normalizeWord(word);
  const root = stemWord(word);
  const none: LookupResult = { word: normalized, root, senses: [], matchedForm: null };
  if (normalized === "") return none;
  const { entries, stems } = load();

  for (const form of [normalized, ...withoutClitics(normalized)]) {
    const senses = own(entries, form);
    if (senses && senses.length > 0) return { word: normalized, root, senses: toSenses(senses), matchedForm: form };
  }

  const roots = rootCandidates(word);
  for (const candidate of roots) {
    const senses = own(entries, candidate);
    if (senses && senses.length > 0) {
      return { word: normalized, root: candidate, senses: toSenses(senses), matchedForm: candidate };
    }
  }
  // Forms sharing a root can mean quite different things (angkatan "forces",
  // pengangkatan "lifting"; telah "already", setelah "after"), so a related form
  // only stands in between verb inflections of the root (diangkat ↔ mengangkat,
  // dilaporkan ↔ melapor), and only after every root reading failed.
  if (!isVerbInflection(normalized, root)) return none;
  for (const candidate of roots) {
    for (const form of own(stems, candidate) ?? []) {
      const senses = own(entries, form);
      if (form !== normalized && isVerbInflection(form, candidate) && senses && senses.length > 0) {
        return { word: normalized, root: candidate, senses: toSenses(senses), matchedForm: form };
      }
    }
  }
  return none;
}
