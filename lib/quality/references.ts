/**
 * Sentences with reference translations, for measuring translation quality:
 * the seed articles' references shipped in content/references, a file of
 * pairs a user gives (TSV or JSON Lines), and the library's own corrections,
 * each the reference for the machine translation it replaced.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Db } from "../db/client";

export interface ReferencePair {
  source: string;
  reference: string;
  /** For a correction: the machine translation it replaced, and the model that wrote it. */
  machine?: string;
  modelId?: string | null;
}

export const SEED_REFERENCES = "content/references/seed-articles.jsonl";

export class ReferenceFileError extends Error {}

/**
 * Reads pairs from a file: `.jsonl` (one `{"source": …, "reference": …}` per
 * line) or tab-separated text (source, reference; a header line naming them
 * is skipped). A line that is not a pair is an error naming the line.
 */
export function readReferenceFile(file: string): ReferencePair[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ReferenceFileError(
      `Cannot read the references file ${file}: ${(error as Error).message}`,
    );
  }
  const pairs = /\.jsonl?$/i.test(path.extname(file))
    ? fromJsonLines(text, file)
    : fromTsv(text, file);
  if (pairs.length === 0)
    throw new ReferenceFileError(`The references file ${file} holds no pairs.`);
  return pairs;
}

function fromJsonLines(text: string, file: string): ReferencePair[] {
  const pairs: ReferencePair[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ReferenceFileError(`${file}, line ${i + 1}: not JSON.`);
    }
    const { source, reference } = (value ?? {}) as Record<string, unknown>;
    if (
      typeof source !== "string" ||
      typeof reference !== "string" ||
      !source.trim() ||
      !reference.trim()
    ) {
      throw new ReferenceFileError(
        `${file}, line ${i + 1}: needs "source" and "reference", both non-empty text.`,
      );
    }
    pairs.push({ source: source.trim(), reference: reference.trim() });
  });
  return pairs;
}

function fromTsv(text: string, file: string): ReferencePair[] {
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: "\t",
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    throw new ReferenceFileError(`${file}: not tab-separated text (${(error as Error).message}).`);
  }
  if (rows.length > 0 && rows[0]![0]?.trim().toLowerCase() === "source") rows = rows.slice(1);
  return rows.map((row, i) => {
    const [source, reference] = row.map((cell) => cell.trim());
    if (row.length < 2 || !source || !reference) {
      throw new ReferenceFileError(
        `${file}, row ${i + 1}: needs a source and a reference separated by a tab.`,
      );
    }
    return { source, reference };
  });
}

/**
 * The library's corrections: every human edit made on a machine translation,
 * with the source, the corrected text as reference, and the machine text and
 * model it replaced. A sentence corrected twice counts once, with its last correction.
 */
export async function correctionPairs(db: Db): Promise<ReferencePair[]> {
  const edits = await db.revision.findMany({
    where: { origin: "human", event: "edit", baseRevisionId: { not: null } },
    orderBy: { id: "asc" },
    select: {
      segmentId: true,
      text: true,
      baseRevisionId: true,
      segment: { select: { source: true } },
    },
  });
  const bases = await db.revision.findMany({
    where: { id: { in: edits.map((e) => e.baseRevisionId!) }, origin: "machine" },
    select: { id: true, text: true, modelId: true },
  });
  const machine = new Map(bases.map((b) => [b.id, b]));
  const bySegment = new Map<number, ReferencePair>();
  for (const edit of edits) {
    const base = machine.get(edit.baseRevisionId!);
    if (!base || base.text.trim() === edit.text.trim()) continue;
    bySegment.set(edit.segmentId, {
      source: edit.segment.source,
      reference: edit.text,
      machine: base.text,
      modelId: base.modelId,
    });
  }
  return [...bySegment.values()];
}
