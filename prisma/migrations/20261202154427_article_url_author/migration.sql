-- AlterTable
ALTER TABLE "Article" ADD COLUMN "author" TEXT;
ALTER TABLE "Article" ADD COLUMN "textHash" TEXT;
ALTER TABLE "Article" ADD COLUMN "url" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Article_url_key" ON "Article"("url");

-- CreateIndex
CREATE INDEX "Article_textHash_idx" ON "Article"("textHash");

