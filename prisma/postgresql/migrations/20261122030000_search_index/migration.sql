-- Full-text search over the library (lib/search/postgres.ts), the PostgreSQL
-- counterpart of the SQLite FTS5 tables. Written by hand: Prisma does not model
-- tsvector columns. Each table is keyed by the row it indexes (Segment.id,
-- GlossaryEntry.id), so results join straight back to their rows.
--
-- Indonesian vectors hold the Sastrawi roots of the words (computed in
-- TypeScript, lib/search/stems.ts, and written as tsvector literals, so the
-- `simple` configuration's parser never re-splits them); English vectors are
-- computed here from the text under the `english` configuration, which stems
-- it, as FTS5's porter tokenizer does on SQLite.

-- Roots of an active segment's source sentence.
CREATE TABLE "SegmentSearch" (
    "segmentId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Segment" ("id") ON DELETE CASCADE,
    "sourceStems" TSVECTOR NOT NULL
);
CREATE INDEX "SegmentSearch_sourceStems_idx" ON "SegmentSearch" USING GIN ("sourceStems");

-- The current translation of an active segment.
CREATE TABLE "SegmentSearchEn" (
    "segmentId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Segment" ("id") ON DELETE CASCADE,
    "translation" TEXT NOT NULL,
    "vector" TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', "translation")) STORED
);
CREATE INDEX "SegmentSearchEn_vector_idx" ON "SegmentSearchEn" USING GIN ("vector");

-- Roots of a live glossary entry's term and aliases.
CREATE TABLE "GlossarySearch" (
    "entryId" INTEGER NOT NULL PRIMARY KEY REFERENCES "GlossaryEntry" ("id") ON DELETE CASCADE,
    "termStems" TSVECTOR NOT NULL
);
CREATE INDEX "GlossarySearch_termStems_idx" ON "GlossarySearch" USING GIN ("termStems");

-- A live glossary entry's English rendering.
CREATE TABLE "GlossarySearchEn" (
    "entryId" INTEGER NOT NULL PRIMARY KEY REFERENCES "GlossaryEntry" ("id") ON DELETE CASCADE,
    "translation" TEXT NOT NULL,
    "vector" TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', "translation")) STORED
);
CREATE INDEX "GlossarySearchEn_vector_idx" ON "GlossarySearchEn" USING GIN ("vector");

-- Backfill what SQL can compute. The Indonesian tables need the stemmer: they
-- are filled by rebuildSearchIndex (lib/search/index.ts), which the content
-- import runs whenever the index does not match the data.
INSERT INTO "SegmentSearchEn" ("segmentId", "translation")
SELECT s."id", r."text"
FROM "Segment" s JOIN "Revision" r ON r."id" = s."currentRevisionId"
WHERE s."removedAt" IS NULL;

INSERT INTO "GlossarySearchEn" ("entryId", "translation")
SELECT "id", "translation" FROM "GlossaryEntry" WHERE "deletedAt" IS NULL;
