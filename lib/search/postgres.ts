/**
 * The search index on PostgreSQL: the tsvector tables of
 * prisma/postgresql/migrations/20261122030000_search_index. Indonesian vectors
 * are written as tsvector literals of the same tokens FTS5 indexes on SQLite
 * (the roots of lib/search/stems.ts, folded by ftsTokens), so no parser or
 * dictionary re-splits them, and queries are tsquery literals of the same
 * tokens; English vectors are computed by PostgreSQL under the `english`
 * configuration. Results are ranked by ts_rank, highlighted by ts_headline.
 */
import {
  chunks,
  CLOSE,
  OPEN,
  type EnglishWords,
  type HitRow,
  type SearchBackend,
  type StemRow,
} from "./backend";
import { ftsTokens, type QueryTerm } from "./stems";

/** A lexeme in tsvector/tsquery literal syntax. */
function lexeme(token: string): string {
  return `'${token.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** The tsvector literal of a stems column (the roots of stemText, in order). */
export function tsvectorLiteral(stems: string): string {
  return ftsTokens(stems)
    .map((token, i) => `${lexeme(token)}:${Math.min(i + 1, 16383)}`)
    .join(" ");
}

/** The tsquery literal for the terms: every word must match, under any of its roots. */
export function tsqueryLiteral(terms: QueryTerm[]): string {
  return terms
    .map((term) => {
      const roots = term.roots.map((tokens) =>
        tokens
          .map((token, i) => lexeme(token) + (term.prefix && i === tokens.length - 1 ? ":*" : ""))
          .join(" <-> "),
      );
      return `(${roots.join(" | ")})`;
    })
    .join(" & ");
}

/** The to_tsquery('english', …) text: each word a phrase of its tokens, all required. */
function englishQuery(words: EnglishWords): string {
  return words.map((tokens) => tokens.map(lexeme).join(" <-> ")).join(" & ");
}

// HighlightAll returns the whole text, so the marks can be mapped back to offsets.
const HEADLINE = `HighlightAll=true, StartSel="${OPEN}", StopSel="${CLOSE}"`;

export const postgresBackend: SearchBackend = {
  async insertStems(tx, table, rows: readonly StemRow[]) {
    for (const chunk of chunks(rows)) {
      const json = JSON.stringify(chunk.map(([id, stems]) => [id, tsvectorLiteral(stems)]));
      if (table === "segment") {
        await tx.$executeRaw`
          INSERT INTO "SegmentSearch" ("segmentId", "sourceStems")
          SELECT (r->>0)::int, (r->>1)::tsvector FROM jsonb_array_elements(${json}::jsonb) r`;
      } else {
        await tx.$executeRaw`
          INSERT INTO "GlossarySearch" ("entryId", "termStems")
          SELECT (r->>0)::int, (r->>1)::tsvector FROM jsonb_array_elements(${json}::jsonb) r`;
      }
    }
  },

  async removeSegments(tx, ids) {
    for (const chunk of chunks(ids)) {
      const json = JSON.stringify(chunk);
      await tx.$executeRaw`
        DELETE FROM "SegmentSearch" WHERE "segmentId" IN
          (SELECT value::int FROM jsonb_array_elements_text(${json}::jsonb))`;
      await tx.$executeRaw`
        DELETE FROM "SegmentSearchEn" WHERE "segmentId" IN
          (SELECT value::int FROM jsonb_array_elements_text(${json}::jsonb))`;
    }
  },

  async indexTranslation(tx, segmentId, text) {
    await tx.$executeRaw`DELETE FROM "SegmentSearchEn" WHERE "segmentId" = ${segmentId}::int`;
    await tx.$executeRaw`
      INSERT INTO "SegmentSearchEn" ("segmentId", "translation")
      SELECT "id", ${text}::text FROM "Segment" WHERE "id" = ${segmentId}::int AND "removedAt" IS NULL`;
  },

  async indexGlossaryTranslation(tx, entryId, translation) {
    await tx.$executeRaw`
      INSERT INTO "GlossarySearchEn" ("entryId", "translation") VALUES (${entryId}::int, ${translation}::text)`;
  },

  async removeGlossaryEntry(tx, entryId) {
    await tx.$executeRaw`DELETE FROM "GlossarySearch" WHERE "entryId" = ${entryId}::int`;
    await tx.$executeRaw`DELETE FROM "GlossarySearchEn" WHERE "entryId" = ${entryId}::int`;
  },

  async fillEnglish(tx) {
    await tx.$executeRaw`
      INSERT INTO "SegmentSearchEn" ("segmentId", "translation")
      SELECT s."id", r."text" FROM "Segment" s JOIN "Revision" r ON r."id" = s."currentRevisionId"
      WHERE s."removedAt" IS NULL`;
    await tx.$executeRaw`
      INSERT INTO "GlossarySearchEn" ("entryId", "translation")
      SELECT "id", "translation" FROM "GlossaryEntry" WHERE "deletedAt" IS NULL`;
  },

  async segmentsById(db, terms, limit) {
    const query = tsqueryLiteral(terms);
    const rows = await db.$queryRaw<HitRow[]>`
      SELECT s."id" AS "segmentId", s."source" AS "source", r."text" AS "translation",
        a."slug" AS "slug", a."title" AS "title", NULL::text AS "marked"
      FROM "SegmentSearch" x
      JOIN "Segment" s ON s."id" = x."segmentId"
      JOIN "Article" a ON a."id" = s."articleId"
      LEFT JOIN "Revision" r ON r."id" = s."currentRevisionId"
      WHERE x."sourceStems" @@ ${query}::tsquery AND s."removedAt" IS NULL AND s."kind" = 'sentence'
      ORDER BY ts_rank(x."sourceStems", ${query}::tsquery) DESC, s."id"
      LIMIT ${limit}::int`;
    return rows;
  },

  async glossaryById(db, terms, limit) {
    const query = tsqueryLiteral(terms);
    const rows = await db.$queryRaw<{ id: number }[]>`
      SELECT e."id" AS "id"
      FROM "GlossarySearch" x JOIN "GlossaryEntry" e ON e."id" = x."entryId"
      WHERE x."termStems" @@ ${query}::tsquery AND e."deletedAt" IS NULL
      ORDER BY ts_rank(x."termStems", ${query}::tsquery) DESC, e."id"
      LIMIT ${limit}::int`;
    return rows.map((r) => Number(r.id));
  },

  async segmentsEn(db, words, limit) {
    // ts_headline marks the words of the indexed text that the english
    // configuration matched, as FTS5's highlight() does on SQLite.
    const rows = await db.$queryRaw<HitRow[]>`
      WITH q AS (SELECT to_tsquery('english', ${englishQuery(words)}::text) AS query)
      SELECT s."id" AS "segmentId", s."source" AS "source", r."text" AS "translation",
        a."slug" AS "slug", a."title" AS "title",
        ts_headline('english', x."translation", q.query, ${HEADLINE}::text) AS "marked"
      FROM q, "SegmentSearchEn" x
      JOIN "Segment" s ON s."id" = x."segmentId"
      JOIN "Article" a ON a."id" = s."articleId"
      LEFT JOIN "Revision" r ON r."id" = s."currentRevisionId"
      WHERE x."vector" @@ q.query AND s."removedAt" IS NULL AND s."kind" = 'sentence'
      ORDER BY ts_rank(x."vector", q.query) DESC, s."id"
      LIMIT ${limit}::int`;
    return rows;
  },

  async glossaryEn(db, words, limit) {
    const rows = await db.$queryRaw<{ id: number }[]>`
      WITH q AS (SELECT to_tsquery('english', ${englishQuery(words)}::text) AS query)
      SELECT e."id" AS "id"
      FROM q, "GlossarySearchEn" x JOIN "GlossaryEntry" e ON e."id" = x."entryId"
      WHERE x."vector" @@ q.query AND e."deletedAt" IS NULL
      ORDER BY ts_rank(x."vector", q.query) DESC, e."id"
      LIMIT ${limit}::int`;
    return rows.map((r) => Number(r.id));
  },
};
