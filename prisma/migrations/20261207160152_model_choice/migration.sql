-- Machine revisions name the model revision and decoding that made them; admins choose the default model; the queue records each model call's speed.
-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "decoding" TEXT;
ALTER TABLE "Revision" ADD COLUMN "modelRevision" TEXT;

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TranslationRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "modelId" TEXT NOT NULL,
    "sentences" INTEGER NOT NULL,
    "tokens" INTEGER NOT NULL,
    "milliseconds" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "TranslationRun_modelId_id_idx" ON "TranslationRun"("modelId", "id");

-- CreateIndex
CREATE INDEX "Revision_modelId_idx" ON "Revision"("modelId");

