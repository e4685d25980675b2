import type { Db } from "../db/client";
import { ValidationError } from "../errors";
import {
  exportGlossary,
  GlossaryFormatError,
  importGlossary,
  type GlossaryFileFormat,
} from "./exchange";
import { patternKey } from "./matcher";
import { loadGlossary } from "./cache";
import { saveEntries } from "./write";

export interface GlossaryImportResult {
  created: number;
  updated: number;
  rejected: { row: number; reason: string }[];
}

/**
 * Imports a CSV or TBX file a user (`authorId`, the author of every entry it
 * writes) uploaded. Every row is checked first, against the file and against
 * the glossary; if any row is rejected, nothing is imported and the rejections
 * are returned with their reasons.
 */
export async function importGlossaryUpload(
  db: Db,
  content: string,
  format: GlossaryFileFormat,
  authorId: string | null = null,
): Promise<GlossaryImportResult> {
  let parsed;
  try {
    parsed = importGlossary(content, format);
  } catch (error) {
    if (error instanceof GlossaryFormatError)
      throw new ValidationError(
        `The file cannot be read: ${error.message}`,
        "glossaryFileUnreadable",
        { detail: error.message },
        { rejected: [] },
      );
    throw error;
  }
  const rejected = [...parsed.rejected];
  const glossary = await loadGlossary(db);
  // Which entry owns each spelling now: a row may update the entry with its term,
  // but not take another entry's spelling.
  const owner = new Map<string, { id: number; term: string }>();
  for (const e of glossary.entries)
    for (const form of [e.term, ...e.aliases])
      owner.set(patternKey(form), { id: e.id, term: e.term });
  const plan: { row: number; entryId: number | null; input: (typeof parsed.entries)[number] }[] =
    [];
  const rows = rowNumbers(parsed.entries.length, parsed.rejected, format);
  parsed.entries.forEach((input, i) => {
    const target = owner.get(patternKey(input.term));
    const entryId = target && patternKey(target.term) === patternKey(input.term) ? target.id : null;
    const clash = [input.term, ...input.aliases]
      .map((f) => ({ f, o: owner.get(patternKey(f)) }))
      .find(({ o }) => o && o.id !== entryId);
    const row = rows[i] ?? i + 1;
    if (clash?.o)
      rejected.push({
        row,
        reason: `"${clash.f}" already belongs to the glossary entry "${clash.o.term}".`,
      });
    else plan.push({ row, entryId, input });
  });
  if (rejected.length > 0) {
    rejected.sort((a, b) => a.row - b.row);
    throw new ValidationError(
      `${rejected.length} row(s) were rejected, so nothing was imported. Fix them and import again.`,
      "glossaryRowsRejected",
      { count: rejected.length },
      { rejected },
    );
  }
  await saveEntries(
    db,
    plan.map((step) => ({ id: step.entryId, input: step.input })),
    authorId,
  );
  const created = plan.filter((step) => step.entryId === null).length;
  return { created, updated: plan.length - created, rejected: [] };
}

/** Row numbers of the accepted entries, in file order (CSV rows count the header as row 1). */
function rowNumbers(
  accepted: number,
  rejected: { row: number }[],
  format: GlossaryFileFormat,
): number[] {
  const skip = new Set(rejected.map((r) => r.row));
  const rows: number[] = [];
  for (let row = format === "csv" ? 2 : 1; rows.length < accepted; row++)
    if (!skip.has(row)) rows.push(row);
  return rows;
}

export async function exportGlossaryFile(db: Db, format: GlossaryFileFormat): Promise<string> {
  const { entries } = await loadGlossary(db);
  return exportGlossary(entries, format);
}
