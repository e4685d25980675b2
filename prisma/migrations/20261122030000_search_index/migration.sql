-- Full-text search over the library (lib/search). Written by hand: Prisma does
-- not model virtual tables. Every table's rowid is the id of the row it
-- indexes (Segment.id, GlossaryEntry.id), so updates and deletes are rowid
-- look-ups and results join straight back to their rows.
--
-- FTS5 allows one tokenizer per table, hence one table per language:
-- Indonesian columns hold the Sastrawi roots of the words (computed in
-- TypeScript, lib/search/stems.ts), English columns hold the text itself and
-- let the porter tokenizer stem it.

-- Roots of an active segment's source sentence.
CREATE VIRTUAL TABLE "SegmentSearch" USING fts5(sourceStems, tokenize = 'unicode61 remove_diacritics 2');

-- The current translation of an active segment.
CREATE VIRTUAL TABLE "SegmentSearchEn" USING fts5(translation, tokenize = 'porter unicode61 remove_diacritics 2');

-- Roots of a live glossary entry's term and aliases.
CREATE VIRTUAL TABLE "GlossarySearch" USING fts5(termStems, tokenize = 'unicode61 remove_diacritics 2');

-- A live glossary entry's English rendering.
CREATE VIRTUAL TABLE "GlossarySearchEn" USING fts5(translation, tokenize = 'porter unicode61 remove_diacritics 2');

-- Backfill what SQL can compute. The Indonesian tables need the stemmer: they
-- are filled by rebuildSearchIndex (lib/search/index.ts), which the content
-- import runs whenever the index does not match the data.
INSERT INTO "SegmentSearchEn" (rowid, translation)
SELECT s."id", r."text"
FROM "Segment" s JOIN "Revision" r ON r."id" = s."currentRevisionId"
WHERE s."removedAt" IS NULL;

INSERT INTO "GlossarySearchEn" (rowid, translation)
SELECT "id", "translation" FROM "GlossaryEntry" WHERE "deletedAt" IS NULL;
