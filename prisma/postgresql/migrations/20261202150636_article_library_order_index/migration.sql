-- CreateIndex
CREATE INDEX "Article_publishedAt_title_id_idx" ON "Article"("publishedAt" DESC, "title", "id");

