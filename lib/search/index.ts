/**
 * Keeps the full-text index (FTS5 tables on SQLite, tsvector tables on
 * PostgreSQL: lib/search/backends.ts) in step with the data. The code that writes
 * segments, translations and glossary entries calls these in its own
 * transaction, so the index never shows a state the data does not have.
 */
import { changed, tags } from "../cache/changes";
import type { Db } from "../db/client";
import { SEARCH_TABLES, type Sql } from "./backend";
import { backendFor } from "./backends";
import { stemText } from "./stems";

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

/** Indexes new segments' source text (their translation comes through indexTranslation). */
export async function indexSegments(tx: Sql, segments: readonly IndexedSegment[]): Promise<void> {
  await backendFor(tx).insertStems(
    tx,
    "segment",
    segments.map((s) => [s.id, stemText(s.source)] as const),
  );
}

/** Takes retired segments out of the index, source and translation. */
export async function removeSegments(tx: Sql, ids: readonly number[]): Promise<void> {
  await backendFor(tx).removeSegments(tx, ids);
}

/** Makes `text` the indexed translation of a segment; a retired segment stays out of the index. */
export async function indexTranslation(tx: Sql, segmentId: number, text: string): Promise<void> {
  await backendFor(tx).indexTranslation(tx, segmentId, text);
}

/** Indexes a glossary entry after it was created or changed. */
export async function indexGlossaryEntry(tx: Sql, entry: IndexedGlossaryEntry): Promise<void> {
  const backend = backendFor(tx);
  await backend.removeGlossaryEntry(tx, entry.id);
  await backend.insertStems(tx, "glossary", [[entry.id, glossaryStems(entry)]]);
  await backend.indexGlossaryTranslation(tx, entry.id, entry.translation);
}

export async function removeGlossaryEntry(tx: Sql, id: number): Promise<void> {
  await backendFor(tx).removeGlossaryEntry(tx, id);
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
  const backend = backendFor(db);
  await db.$transaction(
    async (tx) => {
      // Constant table names: nothing from outside reaches this statement.
      for (const table of SEARCH_TABLES) await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
      await backend.insertStems(tx, "segment", segmentRows);
      await backend.insertStems(tx, "glossary", glossaryRows);
      await backend.fillEnglish(tx);
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
  // Portable SQL: the search tables have the same names on both providers.
  const [row] = await db.$queryRaw<{ ok: number | boolean }[]>`
    SELECT
      (SELECT count(*) FROM "SegmentSearch") = (SELECT count(*) FROM "Segment" WHERE "removedAt" IS NULL)
      AND (SELECT count(*) FROM "SegmentSearchEn") =
        (SELECT count(*) FROM "Segment" WHERE "removedAt" IS NULL AND "currentRevisionId" IS NOT NULL)
      AND (SELECT count(*) FROM "GlossarySearch") = (SELECT count(*) FROM "GlossaryEntry" WHERE "deletedAt" IS NULL)
      AND (SELECT count(*) FROM "GlossarySearchEn") = (SELECT count(*) FROM "GlossaryEntry" WHERE "deletedAt" IS NULL)
      AS ok`;
  if (Number(row?.ok) === 1) return false;
  await rebuildSearchIndex(db);
  // Searches kept from the damaged index go (lib/search/query.ts).
  changed(db, [tags.library]);
  return true;
}
