/**
 * Saved words out and in: an Anki deck as Anki's plain-text import reads it
 * (header lines, tab-separated fields, HTML), a CSV of the same fields, and a
 * CSV word list from another tool (LWT, Lute, a spreadsheet) read back in.
 */
import type { Db } from "../db/client";
import { ValidationError } from "../errors";
import { detectCsvDelimiter, formatCsv, GlossaryFormatError, parseCsv } from "../glossary/exchange";
import { lookupWord } from "../lookup/dictionary";
import { escapeMarkup } from "../text/escape";
import { splitAtSpans } from "../text/spans";
import { isSingleWord } from "../text/words";
import { stringify } from "csv-stringify/sync";
import { listWords } from "./store";
import type { WordsQuery } from "./api";
import {
  formSpans,
  wordKey,
  type SavedWordRecord,
  type WordContextRecord,
  type WordStatus,
} from "./records";

/** The deck and note type named in the Anki file's header. */
export const ANKI_DECK = "Dwibahasa";
export const ANKI_NOTETYPE = "Basic";
export const EXPORT_COLUMNS = [
  "word",
  "root",
  "senses",
  "sentence",
  "english",
  "article",
  "address",
  "note",
  "status",
] as const;

/** The sentence a word's card shows: the one it was first saved from. */
function mainContext(word: SavedWordRecord): WordContextRecord | undefined {
  return word.contexts[0];
}

function sensesText(word: SavedWordRecord): string {
  return word.senses.map((s) => s.gloss).join("; ");
}

/** The address of a context's sentence in the reader (`base` is the site's origin). */
export function contextAddress(base: string, context: WordContextRecord | undefined): string {
  if (!context?.articleSlug) return "";
  const anchor = context.segmentId === null ? "" : `#s-${context.segmentId}`;
  return `${base}/articles/${encodeURIComponent(context.articleSlug)}${anchor}`;
}

/** The sentence as HTML with the word in <b>, everything else escaped. */
export function markedSentenceHtml(source: string, form: string): string {
  return splitAtSpans(source, formSpans(source, form))
    .map((piece) => (piece.span ? `<b>${escapeMarkup(piece.text)}</b>` : escapeMarkup(piece.text)))
    .join("");
}

function exportRow(word: SavedWordRecord, base: string, html: boolean): string[] {
  const context = mainContext(word);
  const text = (value: string) => (html ? escapeMarkup(value) : value);
  const address = contextAddress(base, context);
  return [
    text(word.form),
    text(word.root),
    text(sensesText(word)),
    context ? (html ? markedSentenceHtml(context.source, context.form) : context.source) : "",
    text(context?.translation ?? ""),
    text(context?.articleTitle ?? ""),
    // Single quotes: escaped text holds no quote at all, so no field needs CSV quoting.
    html && address ? `<a href='${escapeMarkup(address)}'>${escapeMarkup(address)}</a>` : address,
    html ? escapeMarkup(word.note).replace(/\r?\n/g, "<br>") : word.note,
    html ? `dwibahasa::${word.status}` : word.status,
  ];
}

/**
 * A file for Anki's "Import File" (Anki 2.1.55 and later read the header
 * lines): one Basic note per word in the deck Dwibahasa, the status as a tag.
 */
export function ankiText(list: readonly SavedWordRecord[], base: string): string {
  const header = [
    "#separator:tab",
    "#html:true",
    `#notetype:${ANKI_NOTETYPE}`,
    `#deck:${ANKI_DECK}`,
    `#columns:${EXPORT_COLUMNS.map((c) => c[0]!.toUpperCase() + c.slice(1)).join("\t")}`,
    `#tags column:${EXPORT_COLUMNS.length}`,
  ];
  const body = stringify(
    list.map((w) => exportRow(w, base, true)),
    { delimiter: "\t", record_delimiter: "\n", quoted_match: /[\r\n]/ },
  );
  return `${header.join("\n")}\n${body}`;
}

export function wordsCsv(list: readonly SavedWordRecord[], base: string): string {
  return formatCsv([[...EXPORT_COLUMNS], ...list.map((w) => exportRow(w, base, false))]);
}

/** The reader's words with the page's filters, as an Anki file or a CSV. */
export async function exportWords(
  db: Db,
  owner: string,
  query: WordsQuery,
  format: "anki" | "csv",
  base: string,
): Promise<string> {
  const list = await listWords(db, owner, query);
  return format === "anki" ? ankiText(list, base) : wordsCsv(list, base);
}

// ---------------------------------------------------------------------------
// Import

/** Header names other tools use for each column. */
const COLUMN_NAMES: Record<"word" | "status" | "note", readonly string[]> = {
  word: ["word", "term", "form", "kata", "text"],
  status: ["status"],
  note: ["note", "notes", "translation", "catatan", "meaning"],
};

/** Statuses as other tools write them: names (English, Indonesian) and LWT/Lute levels (1–5, 98 ignored, 99 well known). */
function readStatus(raw: string): WordStatus | null {
  const value = raw.trim().toLowerCase();
  if (value === "" || value === "new" || value === "baru" || value === "0" || value === "1")
    return "new";
  if (["learning", "belajar", "2", "3", "4"].includes(value)) return "learning";
  if (["known", "dikenal", "5", "98", "99", "wkn", "ignored"].includes(value)) return "known";
  return null;
}

export interface WordsImportResult {
  /** Words that were not in the list and are now. */
  added: number;
  /** Words already in the list: left as they were. */
  existing: number;
  /** Rows that are not one word (phrases): not imported. */
  skipped: { row: number; text: string }[];
}

interface ImportRow {
  row: number;
  form: string;
  status: WordStatus;
  note: string;
}

function readRows(content: string): { rows: ImportRow[]; skipped: WordsImportResult["skipped"] } {
  let records;
  try {
    records = parseCsv(content, detectCsvDelimiter(content, "word"));
  } catch (error) {
    if (error instanceof GlossaryFormatError)
      throw new ValidationError(
        `The word list cannot be read: ${error.message}`,
        "wordsFileUnreadable",
        { detail: error.message },
        { rejected: [] },
      );
    throw error;
  }
  const first = records[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const find = (names: readonly string[]) => first.findIndex((f) => names.includes(f));
  const hasHeader = find(COLUMN_NAMES.word) >= 0;
  const at = hasHeader
    ? {
        word: find(COLUMN_NAMES.word),
        status: find(COLUMN_NAMES.status),
        note: find(COLUMN_NAMES.note),
      }
    : { word: 0, status: -1, note: -1 };
  const rows: ImportRow[] = [];
  const skipped: WordsImportResult["skipped"] = [];
  const rejected: { row: number; reason: string }[] = [];
  for (const record of hasHeader ? records.slice(1) : records) {
    const cell = (i: number) => (i >= 0 ? (record.fields[i] ?? "").trim() : "");
    const form = cell(at.word);
    if (record.fields.every((f) => f.trim() === "")) continue;
    if (form === "") {
      rejected.push({ row: record.line, reason: "The word is empty." });
      continue;
    }
    if (!isSingleWord(form) || form.length > 60) {
      skipped.push({ row: record.line, text: form });
      continue;
    }
    const status = readStatus(cell(at.status));
    if (!status) {
      rejected.push({
        row: record.line,
        reason: `The status "${cell(at.status)}" is not new, learning or known (or 1–5, 99).`,
      });
      continue;
    }
    rows.push({ row: record.line, form, status, note: cell(at.note).slice(0, 2_000) });
  }
  if (rejected.length > 0)
    throw new ValidationError(
      `${rejected.length} row(s) were rejected, so no word was imported. Fix them and import again.`,
      "wordsRowsRejected",
      { count: rejected.length },
      { rejected },
    );
  return { rows, skipped };
}

/**
 * Adds the words of a CSV list to the reader's words, to be marked wherever
 * they occur. Words already saved keep their status and note; a row that is
 * not a single word is reported and left out; any other bad row stops the
 * whole import.
 */
export async function importWords(
  db: Db,
  owner: string,
  content: string,
): Promise<WordsImportResult> {
  const { rows, skipped } = readRows(content);
  const unique = new Map<string, ImportRow>();
  for (const row of rows) if (!unique.has(wordKey(row.form))) unique.set(wordKey(row.form), row);
  return db.$transaction(async (tx) => {
    const present = new Set(
      (
        await tx.savedWord.findMany({
          where: { owner, key: { in: [...unique.keys()] } },
          select: { key: true },
        })
      ).map((r) => r.key),
    );
    const fresh = [...unique].filter(([key]) => !present.has(key));
    for (const [key, row] of fresh) {
      const looked = lookupWord(row.form);
      await tx.savedWord.create({
        data: {
          owner,
          key,
          form: row.form,
          root: looked.root,
          senses: JSON.stringify(looked.senses),
          note: row.note,
          status: row.status,
        },
      });
    }
    return { added: fresh.length, existing: unique.size - fresh.length, skipped };
  });
}
