-- CreateTable
CREATE TABLE "MemoryUnit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "tuid" TEXT,
    "changedAt" DATETIME,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "segmentId" INTEGER NOT NULL,
    "origin" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "modelId" TEXT,
    "baseRevisionId" INTEGER,
    "memoryOfId" INTEGER,
    "memoryUnitId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confidence" REAL,
    "flags" TEXT,
    CONSTRAINT "Revision_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Revision_memoryUnitId_fkey" FOREIGN KEY ("memoryUnitId") REFERENCES "MemoryUnit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Revision" ("baseRevisionId", "confidence", "createdAt", "event", "flags", "id", "memoryOfId", "modelId", "origin", "segmentId", "text") SELECT "baseRevisionId", "confidence", "createdAt", "event", "flags", "id", "memoryOfId", "modelId", "origin", "segmentId", "text" FROM "Revision";
DROP TABLE "Revision";
ALTER TABLE "new_Revision" RENAME TO "Revision";
CREATE INDEX "Revision_segmentId_id_idx" ON "Revision"("segmentId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MemoryUnit_sourceKey_target_key" ON "MemoryUnit"("sourceKey", "target");

