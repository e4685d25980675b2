/**
 * Glossary import/export: CSV (csv-parse and csv-stringify; comma, semicolon
 * or tab, as spreadsheets save it) and TBX-Basic XML (lib/xml). Both importers
 * validate every row with the zod schema and reject terms/aliases that an
 * earlier row already uses, instead of failing the whole file.
 */
import { CsvError, parse as parseCsvText, type Options as CsvOptions } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { XmlParseError, childElements, parseXml, textContent, type XmlElement } from "../xml/read";
import { buildXml, type XmlNode } from "../xml/write";
import { isAllCaps, patternKey } from "./matcher";
import { formatIssues, glossaryEntryInputSchema, type GlossaryEntryInput } from "./types";

export const CSV_COLUMNS = ["term", "translation", "aliases", "category", "note"] as const;
export const ALIAS_SEPARATOR = "|";

export interface ImportRejection {
  /** CSV: spreadsheet row (header is row 1). TBX: position of the termEntry (first is 1). */
  row: number;
  reason: string;
}

export interface ImportResult {
  entries: GlossaryEntryInput[];
  rejected: ImportRejection[];
}

/** The file as a whole cannot be read (syntax error, missing header, not TBX). */
export class GlossaryFormatError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, line?: number, column?: number, options?: { cause?: unknown }) {
    super(
      line !== undefined
        ? `${message} (line ${line}${column !== undefined ? `, column ${column}` : ""})`
        : message,
      options,
    );
    this.name = "GlossaryFormatError";
    this.line = line;
    this.column = column;
  }
}

// ---------------------------------------------------------------------------
// Shared validation and duplicate detection

interface RawRow {
  row: number;
  /** Prefix for reasons, e.g. `termEntry "t4"`. */
  label?: string;
  data: unknown;
}

function acceptRows(rows: readonly RawRow[]): ImportResult {
  const entries: GlossaryEntryInput[] = [];
  const rejected: ImportRejection[] = [];
  // Keys follow the matcher's rules, so "korea utara" duplicates "Korea Utara"
  // but "AS" does not duplicate "as": exactly the pairs that would collide when matching.
  const owners = new Map<string, { row: number; text: string; term: string }>();
  const keyOf = (s: string): string => patternKey(s) || `raw:${s}`;

  for (const r of rows) {
    const reject = (reason: string): void => {
      rejected.push({ row: r.row, reason: r.label ? `${r.label}: ${reason}` : reason });
    };
    const parsed = glossaryEntryInputSchema.safeParse(r.data);
    if (!parsed.success) {
      reject(formatIssues(parsed.error));
      continue;
    }
    const entry = parsed.data;
    const texts = [entry.term, ...entry.aliases];
    const duplicate = texts
      .map((text) => ({ text, owner: owners.get(keyOf(text)) }))
      .find((d) => d.owner !== undefined);
    if (duplicate?.owner) {
      const o = duplicate.owner;
      const what =
        o.text === o.term
          ? `the term of row ${o.row}`
          : `an alias of row ${o.row} (term "${o.term}")`;
      reject(
        `"${duplicate.text}" is already used as ${what}${o.text !== duplicate.text ? ` as "${o.text}"` : ""}`,
      );
      continue;
    }
    for (const text of texts) owners.set(keyOf(text), { row: r.row, text, term: entry.term });
    entries.push(entry);
  }
  return { entries, rejected };
}

// ---------------------------------------------------------------------------
// CSV

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/** The separators spreadsheets write: comma, semicolon (comma-decimal locales such as Indonesian), tab. */
export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const CSV_OPTIONS: CsvOptions = {
  bom: true,
  info: true,
  relax_column_count: true,
  // Files edited on several systems mix line ends; any of them ends a record.
  record_delimiter: ["\r\n", "\n", "\r"],
};

/**
 * Reads CSV (RFC 4180: quoted fields may hold separators, doubled quotes and
 * line breaks; CRLF, LF and CR end a record; a leading BOM is ignored).
 * Throws GlossaryFormatError with the line of a syntax error.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = ","): CsvRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsvText(text, { ...CSV_OPTIONS, delimiter }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const reason = error.message.replace(/ at line \d+/, "").replace(/\.$/, "");
      const line = (error as CsvError & { lines?: number }).lines;
      throw new GlossaryFormatError(`CSV: ${reason}`, line, undefined, { cause: error });
    }
    throw error;
  }
  // A record starts on the line after the one where the previous record ended.
  let next = 1;
  return rows.map(({ record, info }) => {
    const line = next;
    next = info.lines + 1;
    return { fields: record, line };
  });
}

/**
 * The separator of a CSV: the one that makes its first line a header with a
 * `column` column ("term" in a glossary), else the one that splits it into the
 * most columns.
 */
export function detectCsvDelimiter(text: string, column = "term"): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; columns: number } = { delimiter: ",", columns: 0 };
  for (const delimiter of CSV_DELIMITERS) {
    let header: string[];
    try {
      const first = parseCsvText(text, { ...CSV_OPTIONS, delimiter, to_line: 1 }) as unknown as {
        record: string[];
      }[];
      header = first[0]?.record ?? [];
    } catch {
      continue;
    }
    if (header.some((f) => f.trim().toLowerCase() === column)) return delimiter;
    if (header.length > best.columns) best = { delimiter, columns: header.length };
  }
  return best.delimiter;
}

/** Rows to CSV text with CRLF line ends, quoting only where needed. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], {
    record_delimiter: "\r\n",
    // Line breaks need quotes; so do spaces at either end, which readers may trim.
    quoted_match: /[\r\n]|^\s|\s$/,
  });
}

export function exportCsv(entries: readonly GlossaryEntryInput[]): string {
  return formatCsv([
    [...CSV_COLUMNS],
    ...entries.map((e) => [
      e.term,
      e.translation,
      e.aliases.join(ALIAS_SEPARATOR),
      e.category,
      e.note,
    ]),
  ]);
}

export function importCsv(text: string): ImportResult {
  const delimiter = detectCsvDelimiter(text);
  const records = parseCsv(text, delimiter);
  const header = records[0];
  if (!header)
    throw new GlossaryFormatError(`Empty CSV: expected the header ${CSV_COLUMNS.join(delimiter)}`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = new Map<string, number>();
  names.forEach((name, i) => {
    if (column.has(name) && name !== "")
      throw new GlossaryFormatError(`CSV header repeats the column "${name}"`, 1);
    column.set(name, i);
  });
  const missing = ["term", "translation", "category"].filter((c) => !column.has(c));
  if (missing.length > 0) {
    throw new GlossaryFormatError(
      `CSV header lacks ${missing.map((m) => `"${m}"`).join(", ")}: expected ${CSV_COLUMNS.join(delimiter)} (columns separated by commas, semicolons or tabs)`,
      header.line,
    );
  }
  const get = (fields: string[], name: string): string => {
    const i = column.get(name);
    return i === undefined ? "" : (fields[i] ?? "");
  };

  const rows: RawRow[] = [];
  const rejected: ImportRejection[] = [];
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    if (rec.fields.every((f) => f.trim() === "")) return; // blank line
    if (rec.fields.length > names.length) {
      rejected.push({
        row,
        reason: `Row has ${rec.fields.length} fields but the header has ${names.length}`,
      });
      return;
    }
    const aliases = get(rec.fields, "aliases")
      .split(ALIAS_SEPARATOR)
      .map((a) => a.trim())
      .filter((a) => a !== "");
    rows.push({
      row,
      data: {
        term: get(rec.fields, "term"),
        translation: get(rec.fields, "translation"),
        aliases,
        category: get(rec.fields, "category").trim().toLowerCase(),
        note: get(rec.fields, "note"),
      },
    });
  });
  const result = acceptRows(rows);
  result.rejected = [...rejected, ...result.rejected].sort((a, b) => a.row - b.row);
  return result;
}

// ---------------------------------------------------------------------------
// TBX (XML is read and written with lib/xml)

/** Parses TBX text, reporting malformed XML as a GlossaryFormatError with its position. */
function parseTbxXml(xml: string): XmlElement {
  try {
    return parseXml(xml);
  } catch (e) {
    if (e instanceof XmlParseError) {
      throw new GlossaryFormatError(`Malformed XML: ${e.reason}`, e.line, e.column, { cause: e });
    }
    throw e;
  }
}

function descendants(el: XmlElement, names: ReadonlySet<string>, stopAtMatch = true): XmlElement[] {
  const out: XmlElement[] = [];
  // Explicit stack (depth-first, document order) so deep nesting cannot overflow the call stack.
  const todo: XmlElement[] = childElements(el).reverse();
  for (let c = todo.pop(); c; c = todo.pop()) {
    if (names.has(c.name)) {
      out.push(c);
      if (stopAtMatch) continue;
    }
    const kids = childElements(c);
    for (let i = kids.length - 1; i >= 0; i--) todo.push(kids[i] as XmlElement);
  }
  return out;
}

const PREFERRED = "preferredTerm-admn-sts";
const ADMITTED = "admittedTerm-admn-sts";

const looksLikeAcronym = (s: string): boolean =>
  isAllCaps(s) && (s.match(/\p{L}/gu)?.length ?? 0) >= 2;

export interface TbxExportOptions {
  /** Shown in the header's sourceDesc. */
  title?: string;
}

export function exportTbx(
  entries: readonly (GlossaryEntryInput & { id?: string | number })[],
  options: TbxExportOptions = {},
): string {
  const usedIds = new Set<string>();
  const tig = (text: string, type: string, status: string): XmlNode => ({
    name: "tig",
    children: [
      { name: "term", text },
      { name: "termNote", attrs: { type: "termType" }, text: type },
      { name: "termNote", attrs: { type: "administrativeStatus" }, text: status },
    ],
  });
  const termEntries = entries.map((e, index): XmlNode => {
    // XML ids must be unique names: prefix, drop unsafe characters, de-duplicate.
    let id =
      e.id === undefined ? `t${index + 1}` : `t-${String(e.id).replace(/[^A-Za-z0-9._-]/g, "_")}`;
    while (usedIds.has(id)) id += `_${index + 1}`;
    usedIds.add(id);

    const termIsAcronym = looksLikeAcronym(e.term);
    const aliases = e.aliases.map((alias) =>
      tig(
        alias,
        looksLikeAcronym(alias) ? "acronym" : termIsAcronym ? "fullForm" : "variant",
        ADMITTED,
      ),
    );
    return {
      name: "termEntry",
      attrs: { id },
      children: [
        { name: "descrip", attrs: { type: "subjectField" }, text: e.category },
        ...(e.note !== "" ? [{ name: "note", text: e.note }] : []),
        {
          name: "langSet",
          attrs: { "xml:lang": "id" },
          children: [tig(e.term, termIsAcronym ? "acronym" : "fullForm", PREFERRED), ...aliases],
        },
        {
          name: "langSet",
          attrs: { "xml:lang": "en" },
          children: [
            tig(e.translation, looksLikeAcronym(e.translation) ? "acronym" : "fullForm", PREFERRED),
          ],
        },
      ],
    };
  });
  return buildXml({
    name: "martif",
    attrs: { type: "TBX-Basic", "xml:lang": "id" },
    children: [
      {
        name: "martifHeader",
        children: [
          {
            name: "fileDesc",
            children: [
              {
                name: "sourceDesc",
                children: [{ name: "p", text: options.title ?? "Dwibahasa glossary" }],
              },
            ],
          },
          {
            name: "encodingDesc",
            children: [{ name: "p", attrs: { type: "XCSURI" }, text: "TBXBasicXCSV02.xcs" }],
          },
        ],
      },
      { name: "text", children: [{ name: "body", children: termEntries }] },
    ],
  });
}

// TBX-Basic 2008 names first, then their TBX v3 equivalents.
const ENTRY_NAMES = new Set(["termEntry", "conceptEntry"]);
const LANGSET_NAMES = new Set(["langSet", "langSec"]);
const TIG_NAMES = new Set(["tig", "ntig", "termSec"]);
const TERM_NAMES = new Set(["term"]);
const TERMNOTE_NAMES = new Set(["termNote"]);

const primaryLanguage = (el: XmlElement): string =>
  (el.attrs["xml:lang"] ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";

interface TbxTerm {
  text: string;
  preferred: boolean;
}

function termsOf(langSet: XmlElement): TbxTerm[] {
  return descendants(langSet, TIG_NAMES).flatMap((tig) => {
    const term = descendants(tig, TERM_NAMES)[0];
    if (!term) return [];
    const status = descendants(tig, TERMNOTE_NAMES, false)
      .filter((n) => n.attrs.type === "administrativeStatus")
      .map((n) => textContent(n).trim());
    return [{ text: textContent(term), preferred: status.includes(PREFERRED) }];
  });
}

export function importTbx(xml: string): ImportResult {
  const root = parseTbxXml(xml);
  if (root.name !== "martif" && root.name !== "tbx") {
    throw new GlossaryFormatError(
      `Not a TBX file: the root element is <${root.name}>, expected <martif>`,
    );
  }
  const rows: RawRow[] = [];
  const rejected: ImportRejection[] = [];
  descendants(root, ENTRY_NAMES).forEach((entry, index) => {
    const row = index + 1;
    const id = entry.attrs.id;
    const label = id !== undefined ? `termEntry "${id}"` : `termEntry #${row}`;

    // Entry-level descriptions only (directly or in a descripGrp), not those of a langSet.
    const entryLevel = childElements(entry).flatMap((c) =>
      c.name === "descripGrp" ? childElements(c) : [c],
    );
    const subject = entryLevel.find((c) => c.name === "descrip" && c.attrs.type === "subjectField");
    const note = entryLevel
      .filter((c) => c.name === "note")
      .map(textContent)
      .join("\n");

    const langSets = childElements(entry).filter((c) => LANGSET_NAMES.has(c.name));
    const source = langSets
      .filter((l) => ["id", "in", "ind"].includes(primaryLanguage(l)))
      .flatMap(termsOf);
    const target = langSets
      .filter((l) => ["en", "eng"].includes(primaryLanguage(l)))
      .flatMap(termsOf);
    const main = source.find((t) => t.preferred) ?? source[0];
    const translation = target.find((t) => t.preferred) ?? target[0];
    if (!main) {
      rejected.push({ row, reason: `${label}: no Indonesian (xml:lang="id") term` });
      return;
    }
    if (!translation) {
      rejected.push({ row, reason: `${label}: no English (xml:lang="en") translation` });
      return;
    }
    rows.push({
      row,
      label,
      data: {
        term: main.text,
        translation: translation.text,
        aliases: source.filter((t) => t !== main).map((t) => t.text.trim()),
        category: subject ? textContent(subject).trim().toLowerCase() : undefined,
        note,
      },
    });
  });

  const result = acceptRows(rows);
  result.rejected = [...rejected, ...result.rejected].sort((a, b) => a.row - b.row);
  return result;
}

// ---------------------------------------------------------------------------

export type GlossaryFileFormat = "csv" | "tbx";

/** Picks the format from a file name, falling back to sniffing the content. */
export function detectFormat(fileName: string, content: string): GlossaryFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".tbx") || lower.endsWith(".xml")) return "tbx";
  if (lower.endsWith(".csv")) return "csv";
  return content
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("<")
    ? "tbx"
    : "csv";
}

export function importGlossary(content: string, format: GlossaryFileFormat): ImportResult {
  return format === "tbx" ? importTbx(content) : importCsv(content);
}

export function exportGlossary(
  entries: readonly GlossaryEntryInput[],
  format: GlossaryFileFormat,
): string {
  return format === "tbx" ? exportTbx(entries) : exportCsv(entries);
}
