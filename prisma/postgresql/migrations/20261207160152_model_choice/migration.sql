-- Machine revisions name the model revision and decoding that made them; admins choose the default model; the queue records each model call's speed.
-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "decoding" TEXT,
ADD COLUMN     "modelRevision" TEXT;

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "TranslationRun" (
    "id" SERIAL NOT NULL,
    "modelId" TEXT NOT NULL,
    "sentences" INTEGER NOT NULL,
    "tokens" INTEGER NOT NULL,
    "milliseconds" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranslationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TranslationRun_modelId_id_idx" ON "TranslationRun"("modelId", "id");

-- CreateIndex
CREATE INDEX "Revision_modelId_idx" ON "Revision"("modelId");

