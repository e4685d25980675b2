-- AlterTable
ALTER TABLE "Article" ADD COLUMN "fileHash" TEXT;

-- CreateTable
CREATE TABLE "SavedWord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "owner" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "root" TEXT NOT NULL,
    "senses" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'new',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WordContext" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wordId" INTEGER NOT NULL,
    "segmentId" INTEGER,
    "articleId" INTEGER,
    "form" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "translation" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WordContext_wordId_fkey" FOREIGN KEY ("wordId") REFERENCES "SavedWord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SavedWord_owner_createdAt_idx" ON "SavedWord"("owner", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SavedWord_owner_key_key" ON "SavedWord"("owner", "key");

-- CreateIndex
CREATE INDEX "WordContext_articleId_idx" ON "WordContext"("articleId");

-- CreateIndex
CREATE UNIQUE INDEX "WordContext_wordId_segmentId_key" ON "WordContext"("wordId", "segmentId");

-- CreateIndex
CREATE INDEX "Article_fileHash_idx" ON "Article"("fileHash");

