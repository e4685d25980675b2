-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "memoryUnitId" INTEGER;

-- CreateTable
CREATE TABLE "MemoryUnit" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "tuid" TEXT,
    "changedAt" TIMESTAMP(3),
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemoryUnit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MemoryUnit_sourceKey_target_key" ON "MemoryUnit"("sourceKey", "target");

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_memoryUnitId_fkey" FOREIGN KEY ("memoryUnitId") REFERENCES "MemoryUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

