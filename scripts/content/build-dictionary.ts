/**
 * Builds lib/lookup/data/id-en.json (Indonesian → English) by inverting the
 * FreeDict English → Indonesian dictionary (dictd format, Debian package
 * dict-freedict-eng-ind), and writes lib/lookup/data/ATTRIBUTION.md.
 *
 *   npx tsx scripts/content/build-dictionary.ts [dict-dir]   (default /usr/share/dictd)
 *
 * Deterministic: the output depends only on the input files (no dates, stable
 * sort orders, locale-independent comparisons).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { stemWord } from "../../lib/lookup/stem";

const DICT_NAME = "freedict-eng-ind";
const MAX_SENSES = 8;
// Indonesian sides longer than this are sentences ("apakah Anda menerima kartu
// kredit?") that a word look-up never reaches.
const MAX_ID_WORDS = 3;
const MAX_DEFINITION_CHARS = 100;

const OUT_DIR = path.join(process.cwd(), "lib/lookup/data");

// FreeDict part-of-speech tags as they appear in the entries ("<n>").
const POS_NAMES: Record<string, string> = {
  n: "noun",
  pn: "proper noun",
  v: "verb",
  adj: "adjective",
  adv: "adverb",
  pronoun: "pronoun",
  preposition: "preposition",
  conjunction: "conjunction",
  determiner: "determiner",
  numeral: "numeral",
  interjection: "interjection",
  particle: "particle",
  article: "article",
  phraseologicalUnit: "phrase",
  proverb: "proverb",
  symbol: "symbol",
};
// Affix entries ("-ation" → "asi") would turn Indonesian affixes into bogus
// words ("asi" means breast milk), so they are left out.
const SKIPPED_POS = new Set(["prefix", "suffix", "infix", "affix"]);
// Idioms and proverbs are real translations but poor glosses for a single word.
const PHRASAL_POS = new Set(["phraseologicalUnit", "proverb"]);

// ---------------------------------------------------------------------------
// dictd reading

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** dictd index numbers are base64 digits, most significant first. */
function decodeB64Number(text: string): number {
  let n = 0;
  for (const c of text) {
    const digit = B64.indexOf(c);
    if (digit < 0) throw new Error(`bad dictd number: ${text}`);
    n = n * 64 + digit;
  }
  return n;
}

interface IndexRow {
  headword: string;
  offset: number;
  length: number;
}

function readIndex(file: string): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line === "") continue;
    const [headword, offset, length] = line.split("\t");
    if (headword === undefined || offset === undefined || length === undefined) {
      throw new Error(`bad index line: ${line}`);
    }
    rows.push({ headword, offset: decodeB64Number(offset), length: decodeB64Number(length) });
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Entry parsing
//
// An entry looks like (header, then translations and English definitions):
//
//   house //haʊs// <n>
//   1. balai, rumah
//   archetypal structure of a human abode
//   2. bilik, kamar
//   ...
//
// or, with one sense, the translations on the second line without a number.
// A sense with several definitions numbers them as " 2.", " 3." — the first of
// these markers trails the translation line ("1. menjalankan 2.").

interface Sense {
  translations: string[];
  /** The sense's first English definition, to tell same-spelled glosses apart. */
  definition: string | null;
}

interface Entry {
  headword: string;
  pos: string | null;
  senses: Sense[];
}

function parseEntry(text: string, indexHeadword: string): Entry | null {
  const lines = text.replace(/\n+$/, "").split("\n");
  const header = lines[0] ?? "";
  const posMatch = /<([^<>]+)>\s*$/.exec(header);
  const pos = posMatch?.[1] ?? null;
  // The header spells the headword as written ("Adam's apple"); the index
  // folds it ("adams apple"). Pronunciations start with " /".
  let headword = (posMatch ? header.slice(0, posMatch.index) : header).trim();
  const ipa = headword.indexOf(" /");
  if (ipa >= 0) headword = headword.slice(0, ipa).trim();
  if (headword === "") headword = indexHeadword;

  const body = lines.slice(1);
  const senses: Sense[] = [];
  const addDefinition = (line: string): void => {
    const last = senses[senses.length - 1];
    // " 3." lines only number the definitions that follow them.
    const text = line.replace(/\s+/g, " ").trim();
    if (last && last.definition === null && text !== "" && !/^\d+\.$/.test(text))
      last.definition = text;
  };
  if (/^1\. /.test(body[0] ?? "")) {
    let next = 1;
    for (const line of body) {
      const m = /^(\d+)\. (.*)$/.exec(line);
      // Only the expected next number starts a sense; anything else is a
      // definition that happens to begin with a number.
      if (m && Number(m[1]) === next) {
        senses.push({ translations: splitTranslations(m[2] ?? ""), definition: null });
        next += 1;
      } else {
        addDefinition(line);
      }
    }
  } else if (body[0] !== undefined) {
    senses.push({ translations: splitTranslations(body[0]), definition: null });
    for (const line of body.slice(1)) addDefinition(line);
  }
  if (senses.length === 0) return null;
  return { headword, pos, senses };
}

/** Definitions are a hint, not the content: cut long ones at a word boundary. */
function shortDefinition(text: string): string {
  if (text.length <= MAX_DEFINITION_CHARS) return text;
  const cut = text.slice(0, MAX_DEFINITION_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "")}…`;
}

/** "1. menjalankan 2." / "[[kemudi|mengemudi(kan)]], mengendalikan" → words. */
function splitTranslations(line: string): string[] {
  const cleaned = line
    .replace(/\s+\d+\.$/, "") // trailing definition-number marker
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, "$1"); // wiki links: keep the label
  const out: string[] = [];
  for (const part of cleaned.split(/[,;]/)) {
    for (const variant of expandParentheses(part)) {
      const term = normalizeTerm(variant);
      if (term !== null && !out.includes(term)) out.push(term);
    }
  }
  return out;
}

/**
 * "(orang) brengsek" is "brengsek" with an optional qualifier; "mengemudi(kan)"
 * stands for both "mengemudi" and "mengemudikan".
 */
function expandParentheses(text: string): string[] {
  if (!text.includes("(")) return [text];
  const without = text.replace(/\s*\([^)]*\)\s*/g, " ");
  const variants = [without];
  if (/\p{L}\([^)\s]+\)/u.test(text)) variants.push(text.replace(/\(([^)\s]+)\)/g, "$1"));
  return variants;
}

/** A clean lower-cased Indonesian key, or null for fragments not worth keeping. */
function normalizeTerm(raw: string): string | null {
  const term = raw
    .normalize("NFC")
    .replace(/[\u2019\u2018]/g, "'")
    .replace(/[!?¿¡]+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\.+$/, "") // abbreviations: "dll." is looked up as "dll"
    .toLowerCase();
  if (term === "" || term.includes("...") || term.includes("…")) return null;
  if (/^-|-$/.test(term)) return null; // affixes ("ke-", "-an")
  if (/\d/.test(term)) return null; // "ke-10"
  if (!/\p{L}/u.test(term)) return null;
  if (term.split(" ").length > MAX_ID_WORDS) return null;
  return term;
}

// ---------------------------------------------------------------------------
// Inversion and ranking

interface Candidate {
  gloss: string;
  pos: string | null;
  /** Definitions of the headword's senses that list the term, best first. */
  definitions: { score: number; text: string }[];
  score: number; // lower = more direct
  hits: number;
}

/**
 * How directly an Indonesian term translates an English headword: earlier in
 * its translation list, in an earlier (more basic) sense, among fewer
 * alternatives, for a one-word headword rather than a phrase or proverb.
 */
function directness(
  entry: Entry,
  senseIndex: number,
  position: number,
  alternatives: number,
): number {
  const headwordWords = entry.headword.split(/\s+/).length;
  return (
    position +
    0.5 * senseIndex +
    0.25 * (alternatives - 1) +
    2 * (headwordWords - 1) +
    (entry.pos !== null && PHRASAL_POS.has(entry.pos) ? 4 : 0)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function invert(entries: Entry[]): Map<string, Candidate[]> {
  // term → "gloss\u0000pos" → candidate
  const byTerm = new Map<string, Map<string, Candidate>>();
  for (const entry of entries) {
    entry.senses.forEach((sense, senseIndex) => {
      sense.translations.forEach((term, position) => {
        const score = directness(entry, senseIndex, position, sense.translations.length);
        let glosses = byTerm.get(term);
        if (!glosses) byTerm.set(term, (glosses = new Map()));
        const key = `${entry.headword}\u0000${entry.pos ?? ""}`;
        const existing = glosses.get(key);
        const definitions = sense.definition === null ? [] : [{ score, text: sense.definition }];
        if (existing) {
          existing.score = Math.min(existing.score, score);
          existing.definitions.push(...definitions);
          existing.hits += 1;
        } else {
          glosses.set(key, { gloss: entry.headword, pos: entry.pos, definitions, score, hits: 1 });
        }
      });
    });
  }

  const result = new Map<string, Candidate[]>();
  for (const [term, glosses] of byTerm) {
    // Appearing in several senses of the same headword makes it more central.
    const ranked = [...glosses.values()]
      .map((c) => ({ ...c, score: c.score - 0.5 * Math.min(c.hits - 1, 2) }))
      .sort(
        (a, b) =>
          a.score - b.score ||
          compareStrings(a.gloss, b.gloss) ||
          compareStrings(a.pos ?? "", b.pos ?? ""),
      );
    result.set(term, ranked);
  }
  return result;
}

/** One sense's definition, or several ("head": "…; part of the body") joined. */
function joinDefinitions(definitions: { score: number; text: string }[]): string | null {
  const texts: string[] = [];
  // Stable sort: equal scores keep the dictionary's sense order.
  for (const d of [...definitions].sort((a, b) => a.score - b.score)) {
    if (!texts.includes(d.text)) texts.push(d.text);
  }
  return texts.length === 0 ? null : shortDefinition(texts.join("; "));
}

/**
 * [gloss, pos, definition] triples ("" where unknown, trailing blanks dropped):
 * one per distinct gloss, its parts of speech merged, the definition of the
 * best-ranked sense kept.
 */
function compactSenses(ranked: Candidate[]): string[][] {
  const order: string[] = [];
  const merged = new Map<string, { pos: string[]; definition: string | null }>();
  for (const c of ranked) {
    let item = merged.get(c.gloss);
    if (!item) {
      merged.set(c.gloss, (item = { pos: [], definition: joinDefinitions(c.definitions) }));
      order.push(c.gloss);
    }
    const name = c.pos === null ? null : (POS_NAMES[c.pos] ?? c.pos);
    if (name !== null && !item.pos.includes(name)) item.pos.push(name);
  }
  return order.slice(0, MAX_SENSES).map((gloss) => {
    const item = merged.get(gloss);
    const tuple = [gloss, item?.pos.join(", ") ?? "", item?.definition ?? ""];
    while (tuple.length > 1 && tuple[tuple.length - 1] === "") tuple.pop();
    return tuple;
  });
}

// ---------------------------------------------------------------------------
// Output

interface DatabaseInfo {
  info: string;
  short: string;
  url: string;
  edition: string | null;
}

function readDatabaseInfo(rows: IndexRow[], dict: Buffer): DatabaseInfo {
  const get = (name: string): string => {
    const row = rows.find((r) => r.headword === name);
    if (!row) return "";
    const text = dict.subarray(row.offset, row.offset + row.length).toString("utf8");
    // dictd repeats the entry name on the first line.
    return text.replace(/^00-?database-?[a-z-]*\s*\n/, "").trim();
  };
  const info = get("00databaseinfo");
  return {
    info,
    short: get("00databaseshort"),
    url: get("00databaseurl"),
    edition: /^Edition:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? null,
  };
}

function jsonLine(key: string, value: unknown): string {
  return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
}

function attributionMarkdown(db: DatabaseInfo, entryCount: number): string {
  return `# Attribution: Indonesian → English look-up dictionary

\`id-en.json\` is derived from the **${db.short || "English-Bahasa Indonesia FreeDict+WikDict dictionary"}**
(FreeDict \`eng-ind\`, edition ${db.edition ?? "unknown"}), as shipped in the Debian package
\`dict-freedict-eng-ind\` (dictd format). ${db.url ? `Source: ${db.url}` : ""}

- Publisher and maintainer: Karl Bartel (FreeDict / WikDict).
- Created automatically by WikDict (http://www.wikdict.com/) from Wiktionary
  (https://www.wiktionary.org/) data via DBnary (http://kaiko.getalp.org/about-dbnary/);
  the translations are the work of the Wiktionary contributors.
- Part of the FreeDict project (https://freedict.org/).
- Debian copyright file for \`eng-ind/*\`: "Copyright: 2000-2022 FreeDict contributors",
  "License: CC-BY-SA-3.0".

## License

Creative Commons Attribution-ShareAlike 3.0 Unported (CC BY-SA 3.0),
https://creativecommons.org/licenses/by-sa/3.0/

## This file is a derived work

\`id-en.json\` is an adaptation of the dictionary above, made by
\`scripts/content/build-dictionary.ts\`: the English → Indonesian entries were inverted into
Indonesian → English (${entryCount} Indonesian words and phrases), affix entries and
Indonesian phrases longer than ${MAX_ID_WORDS} words were dropped, English glosses were
re-ranked and cut to ${MAX_SENSES} per word, English definitions were shortened to
${MAX_DEFINITION_CHARS} characters, pronunciations were left out,
and an index by word root (Sastrawi stemmer) was added. The adaptation is distributed
under the same license, CC BY-SA 3.0. The original dictionary's authors do not endorse it.

## Original database information

\`\`\`text
${db.info}
\`\`\`
`;
}

function main(): void {
  const dictDir = process.argv[2] ?? "/usr/share/dictd";
  const indexFile = path.join(dictDir, `${DICT_NAME}.index`);
  const dictFile = path.join(dictDir, `${DICT_NAME}.dict.dz`);
  if (!fs.existsSync(indexFile) || !fs.existsSync(dictFile)) {
    console.error(
      `${DICT_NAME}.index / .dict.dz not found in ${dictDir}; install dict-freedict-eng-ind`,
    );
    process.exit(1);
  }
  // .dict.dz is gzip with a random-access table in the header; plain gunzip reads it.
  const dict = zlib.gunzipSync(fs.readFileSync(dictFile));
  const rows = readIndex(indexFile);

  const entries: Entry[] = [];
  let skipped = 0;
  for (const row of rows) {
    if (row.headword.startsWith("00database")) continue;
    const text = dict.subarray(row.offset, row.offset + row.length).toString("utf8");
    const entry = parseEntry(text, row.headword);
    if (!entry || (entry.pos !== null && SKIPPED_POS.has(entry.pos))) {
      skipped += 1;
      continue;
    }
    entries.push(entry);
  }

  const inverted = invert(entries);
  const terms = [...inverted.keys()].sort(compareStrings);

  // Root → dictionary forms built on it (other than the root itself), so that an
  // inflected word whose own form and root are both missing can still reach a
  // related form (pemimpin → pimpin → memimpin).
  const stems = new Map<string, string[]>();
  for (const term of terms) {
    if (term.includes(" ")) continue;
    const root = stemWord(term);
    if (root === "" || root === term) continue;
    let forms = stems.get(root);
    if (!forms) stems.set(root, (forms = []));
    forms.push(term);
  }
  // Shorter forms first: they tend to be the closer derivations.
  for (const forms of stems.values())
    forms.sort((a, b) => a.length - b.length || compareStrings(a, b));

  const db = readDatabaseInfo(rows, dict);
  const meta = {
    source: db.short || "English-Bahasa Indonesia FreeDict+WikDict dictionary",
    edition: db.edition,
    license: "CC BY-SA 3.0",
    licenseUrl: "https://creativecommons.org/licenses/by-sa/3.0/",
    attribution: "lib/lookup/data/ATTRIBUTION.md",
    derived: "inverted from English→Indonesian by scripts/content/build-dictionary.ts",
  };

  // One entry per line keeps diffs of regenerated data readable.
  const entryLines = terms.map((t) => jsonLine(t, compactSenses(inverted.get(t) ?? [])));
  const stemLines = [...stems.keys()].sort(compareStrings).map((r) => jsonLine(r, stems.get(r)));
  const json =
    `{"meta":${JSON.stringify(meta)},\n"entries":{\n${entryLines.join(",\n")}\n},\n` +
    `"stems":{\n${stemLines.join(",\n")}\n}}\n`;
  JSON.parse(json); // fail loudly rather than write a broken file

  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, "id-en.json"), json);
  fs.writeFileSync(path.join(OUT_DIR, "ATTRIBUTION.md"), attributionMarkdown(db, terms.length));
  console.log(
    `${entries.length} English entries read (${skipped} skipped); ` +
      `${terms.length} Indonesian entries, ${stems.size} roots indexed; ` +
      `${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB written to lib/lookup/data/id-en.json`,
  );
}

main();
