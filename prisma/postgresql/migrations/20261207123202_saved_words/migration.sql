-- CreateEnum
CREATE TYPE "WordStatus" AS ENUM ('new', 'learning', 'known');

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "fileHash" TEXT;

-- CreateTable
CREATE TABLE "SavedWord" (
    "id" SERIAL NOT NULL,
    "owner" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "root" TEXT NOT NULL,
    "senses" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "status" "WordStatus" NOT NULL DEFAULT 'new',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedWord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WordContext" (
    "id" SERIAL NOT NULL,
    "wordId" INTEGER NOT NULL,
    "segmentId" INTEGER,
    "articleId" INTEGER,
    "form" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "translation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WordContext_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "WordContext" ADD CONSTRAINT "WordContext_wordId_fkey" FOREIGN KEY ("wordId") REFERENCES "SavedWord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

