-- AlterTable
ALTER TABLE "GlossaryEntry" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "termKey" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "GlossaryEntry_termKey_key" ON "GlossaryEntry"("termKey");

