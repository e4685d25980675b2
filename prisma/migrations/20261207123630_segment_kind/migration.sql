-- A segment is a sentence or the article's title; every existing row is a sentence.
-- Added in place (SQLite accepts a NOT NULL column with a default), so the table is not rebuilt.
ALTER TABLE "Segment" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'sentence';
