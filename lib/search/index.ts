/**
 * Keeps the full-text index (the FTS5 tables of migration
 * 20261122030000_search_index) in step with the data. The code that writes
 * segments, translations and glossary entries calls these in its own
 * transaction, so the index never shows a state the data does not have.
 */
import type { Db, Tx } from "../db/client";
import { stemText } from "./stems";

/** Anything that runs raw SQL: the client or a transaction. */
type Sql = Pick<Tx, "$executeRaw">;

export interface IndexedSegment {
  id: number;
  source: string;
}

export interface IndexedGlossaryEntry {
  id: number;
  term: string;
  aliases: readonly string[];
  translation: string;
}

// Rows go in as one JSON parameter expanded by json_each: any number of rows
// in one statement, and nothing but bound parameters in the SQL.
const CHUNK = 2000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

type StemRow = readonly [id: number, stems: string];

/** Inserts already stemmed rows; kept apart from stemming so a rebuild can stem outside its transaction. */
async function insertStemRows(
  tx: Sql,
  table: "SegmentSearch" | "GlossarySearch",
  rows: readonly StemRow[],
): Promise<void> {
  for (const chunk of chunks(rows)) {
    const json = JSON.stringify(chunk);
    if (table === "SegmentSearch") {
      await tx.$executeRaw`
        INSERT INTO "SegmentSearch" (rowid, sourceStems)
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${json})`;
    } else {
      await tx.$executeRaw`
        INSERT INTO "GlossarySearch" (rowid, termStems)
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${json})`;
    }
  }
}

/** Indexes new segments' source text (their translation comes through indexTranslation). */
export async function indexSegments(tx: Sql, segments: readonly IndexedSegment[]): Promise<void> {
  await insertStemRows(
    tx,
    "SegmentSearch",
    segments.map((s) => [s.id, stemText(s.source)] as const),
  );
}

/** Takes retired segments out of the index, source and translation. */
export async function removeSegments(tx: Sql, ids: readonly number[]): Promise<void> {
  for (const chunk of chunks([...ids])) {
    const json = JSON.stringify(chunk);
    await tx.$executeRaw`DELETE FROM "SegmentSearch" WHERE rowid IN (SELECT value FROM json_each(${json}))`;
    await tx.$executeRaw`DELETE FROM "SegmentSearchEn" WHERE rowid IN (SELECT value FROM json_each(${json}))`;
  }
}

/** Makes `text` the indexed translation of a segment; a retired segment stays out of the index. */
export async function indexTranslation(tx: Sql, segmentId: number, text: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "SegmentSearchEn" WHERE rowid = ${segmentId}`;
  await tx.$executeRaw`
    INSERT INTO "SegmentSearchEn" (rowid, translation)
    SELECT "id", ${text} FROM "Segment" WHERE "id" = ${segmentId} AND "removedAt" IS NULL`;
}

/** Indexes a glossary entry after it was created or changed. */
export async function indexGlossaryEntry(tx: Sql, entry: IndexedGlossaryEntry): Promise<void> {
  await removeGlossaryEntry(tx, entry.id);
  await insertStemRows(tx, "GlossarySearch", [[entry.id, glossaryStems(entry)]]);
  await tx.$executeRaw`
    INSERT INTO "GlossarySearchEn" (rowid, translation) VALUES (${entry.id}, ${entry.translation})`;
}

export async function removeGlossaryEntry(tx: Sql, id: number): Promise<void> {
  await tx.$executeRaw`DELETE FROM "GlossarySearch" WHERE rowid = ${id}`;
  await tx.$executeRaw`DELETE FROM "GlossarySearchEn" WHERE rowid = ${id}`;
}

function glossaryStems(entry: IndexedGlossaryEntry): string {
  return [entry.term, ...entry.aliases].map(stemText).join(" ");
}

/**
 * Rebuilds the whole index from the data: for a database that existed before
 * the index did (the migration cannot stem), or one whose index drifted.
 */
export async function rebuildSearchIndex(db: Db): Promise<void> {
  // Stemming is the slow part: done before the transaction, so it stays short.
  const segments = await db.segment.findMany({
    where: { removedAt: null },
    select: { id: true, source: true },
  });
  const entries = await db.glossaryEntry.findMany({
    where: { deletedAt: null },
    select: {
      id: true,
      term: true,
      forms: { where: { isTerm: false }, orderBy: { id: "asc" }, select: { text: true } },
    },
  });
  const segmentRows = segments.map((s) => [s.id, stemText(s.source)] as const);
  const glossaryRows = entries.map(
    (e) =>
      [
        e.id,
        glossaryStems({ ...e, aliases: e.forms.map((f) => f.text), translation: "" }),
      ] as const,
  );
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`DELETE FROM "SegmentSearch"`;
      await tx.$executeRaw`DELETE FROM "SegmentSearchEn"`;
      await tx.$executeRaw`DELETE FROM "GlossarySearch"`;
      await tx.$executeRaw`DELETE FROM "GlossarySearchEn"`;
      await insertStemRows(tx, "SegmentSearch", segmentRows);
      // The porter tokenizer stems English itself: the text goes in as it is.
      await tx.$executeRaw`
        INSERT INTO "SegmentSearchEn" (rowid, translation)
        SELECT s."id", r."text" FROM "Segment" s JOIN "Revision" r ON r."id" = s."currentRevisionId"
        WHERE s."removedAt" IS NULL`;
      await insertStemRows(tx, "GlossarySearch", glossaryRows);
      await tx.$executeRaw`
        INSERT INTO "GlossarySearchEn" (rowid, translation)
        SELECT "id", "translation" FROM "GlossaryEntry" WHERE "deletedAt" IS NULL`;
    },
    { timeout: 120_000 },
  );
}

/**
 * Rebuilds the index when it does not hold exactly the live rows (a database
 * from before the index existed has none of its Indonesian side). Cheap when
 * it does; returns whether it rebuilt.
 */
export async function ensureSearchIndex(db: Db): Promise<boolean> {
  const [row] = await db.$queryRaw<{ ok: number }[]>`
    SELECT
      (SELECT count(*) FROM "SegmentSearch") = (SELECT count(*) FROM "Segment" WHERE "removedAt" IS NULL)
      AND (SELECT count(*) FROM "SegmentSearchEn") =
        (SELECT count(*) FROM "Segment" WHERE "removedAt" IS NULL AND "currentRevisionId" IS NOT NULL)
      AND (SELECT count(*) FROM "GlossarySearch") = (SELECT count(*) FROM "GlossaryEntry" WHERE "deletedAt" IS NULL)
      AND (SELECT count(*) FROM "GlossarySearchEn") = (SELECT count(*) FROM "GlossaryEntry" WHERE "deletedAt" IS NULL)
      AS ok`;
  if (Number(row?.ok) === 1) return false;
  await rebuildSearchIndex(db);
  return true;
}
