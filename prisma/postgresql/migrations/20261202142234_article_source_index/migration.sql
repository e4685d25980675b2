-- CreateIndex
CREATE INDEX "Article_source_idx" ON "Article"("source");

