/**
 * The search index on SQLite: the FTS5 tables of migration
 * 20261122030000_search_index, keyed by rowid (Segment.id, GlossaryEntry.id).
 * Indonesian tables hold roots (unicode61 tokenizer), English tables the text
 * itself (porter tokenizer); results are ranked by bm25.
 */
import type { Db } from "../db/client";
import {
  chunks,
  CLOSE,
  OPEN,
  type EnglishWords,
  type HitRow,
  type SearchBackend,
  type Sql,
  type StemRow,
} from "./backend";
import { ftsQuery, ftsString, type QueryTerm } from "./stems";

/** English terms: each word a quoted string ("Korea's" the phrase "korea s"), all required. */
function englishMatch(words: EnglishWords): string {
  return words.map((tokens) => ftsString([...tokens])).join(" AND ");
}

async function insertStems(tx: Sql, table: "segment" | "glossary", rows: readonly StemRow[]) {
  for (const chunk of chunks(rows)) {
    const json = JSON.stringify(chunk);
    if (table === "segment") {
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

export const sqliteBackend: SearchBackend = {
  insertStems,

  async removeSegments(tx, ids) {
    for (const chunk of chunks(ids)) {
      const json = JSON.stringify(chunk);
      await tx.$executeRaw`DELETE FROM "SegmentSearch" WHERE rowid IN (SELECT value FROM json_each(${json}))`;
      await tx.$executeRaw`DELETE FROM "SegmentSearchEn" WHERE rowid IN (SELECT value FROM json_each(${json}))`;
    }
  },

  async indexTranslation(tx, segmentId, text) {
    await tx.$executeRaw`DELETE FROM "SegmentSearchEn" WHERE rowid = ${segmentId}`;
    await tx.$executeRaw`
      INSERT INTO "SegmentSearchEn" (rowid, translation)
      SELECT "id", ${text} FROM "Segment" WHERE "id" = ${segmentId} AND "removedAt" IS NULL`;
  },

  async indexGlossaryTranslation(tx, entryId, translation) {
    await tx.$executeRaw`
      INSERT INTO "GlossarySearchEn" (rowid, translation) VALUES (${entryId}, ${translation})`;
  },

  async removeGlossaryEntry(tx, entryId) {
    await tx.$executeRaw`DELETE FROM "GlossarySearch" WHERE rowid = ${entryId}`;
    await tx.$executeRaw`DELETE FROM "GlossarySearchEn" WHERE rowid = ${entryId}`;
  },

  async fillEnglish(tx) {
    // The porter tokenizer stems English itself: the text goes in as it is.
    await tx.$executeRaw`
      INSERT INTO "SegmentSearchEn" (rowid, translation)
      SELECT s."id", r."text" FROM "Segment" s JOIN "Revision" r ON r."id" = s."currentRevisionId"
      WHERE s."removedAt" IS NULL`;
    await tx.$executeRaw`
      INSERT INTO "GlossarySearchEn" (rowid, translation)
      SELECT "id", "translation" FROM "GlossaryEntry" WHERE "deletedAt" IS NULL`;
  },

  segmentsById(db: Db, terms: QueryTerm[], limit: number) {
    const match = ftsQuery(terms);
    return db.$queryRaw<HitRow[]>`
      SELECT s."id" AS "segmentId", s."source" AS "source", r."text" AS "translation",
        a."slug" AS "slug", a."title" AS "title", NULL AS "marked"
      FROM "SegmentSearch"
      JOIN "Segment" s ON s."id" = "SegmentSearch".rowid
      JOIN "Article" a ON a."id" = s."articleId"
      LEFT JOIN "Revision" r ON r."id" = s."currentRevisionId"
      WHERE "SegmentSearch" MATCH ${match} AND s."removedAt" IS NULL AND s."kind" = 'sentence'
      ORDER BY bm25("SegmentSearch")
      LIMIT ${limit}`;
  },

  async glossaryById(db, terms, limit) {
    const match = ftsQuery(terms);
    const rows = await db.$queryRaw<{ id: number }[]>`
      SELECT e."id" AS "id"
      FROM "GlossarySearch" JOIN "GlossaryEntry" e ON e."id" = "GlossarySearch".rowid
      WHERE "GlossarySearch" MATCH ${match} AND e."deletedAt" IS NULL
      ORDER BY bm25("GlossarySearch")
      LIMIT ${limit}`;
    return rows.map((r) => Number(r.id));
  },

  segmentsEn(db, words, limit) {
    // The index holds the translation's text itself, so FTS5's highlight() marks
    // exactly the words its porter tokenizer matched.
    const match = englishMatch(words);
    return db.$queryRaw<HitRow[]>`
      SELECT s."id" AS "segmentId", s."source" AS "source", r."text" AS "translation",
        a."slug" AS "slug", a."title" AS "title",
        highlight("SegmentSearchEn", 0, ${OPEN}, ${CLOSE}) AS "marked"
      FROM "SegmentSearchEn"
      JOIN "Segment" s ON s."id" = "SegmentSearchEn".rowid
      JOIN "Article" a ON a."id" = s."articleId"
      LEFT JOIN "Revision" r ON r."id" = s."currentRevisionId"
      WHERE "SegmentSearchEn" MATCH ${match} AND s."removedAt" IS NULL AND s."kind" = 'sentence'
      ORDER BY bm25("SegmentSearchEn")
      LIMIT ${limit}`;
  },

  async glossaryEn(db, words, limit) {
    const match = englishMatch(words);
    const rows = await db.$queryRaw<{ id: number }[]>`
      SELECT e."id" AS "id"
      FROM "GlossarySearchEn" JOIN "GlossaryEntry" e ON e."id" = "GlossarySearchEn".rowid
      WHERE "GlossarySearchEn" MATCH ${match} AND e."deletedAt" IS NULL
      ORDER BY bm25("GlossarySearchEn")
      LIMIT ${limit}`;
    return rows.map((r) => Number(r.id));
  },
};
