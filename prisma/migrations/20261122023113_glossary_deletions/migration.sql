-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GlossaryEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "term" TEXT NOT NULL,
    "termKey" TEXT NOT NULL,
    "translation" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL DEFAULT 'user',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME
);
INSERT INTO "new_GlossaryEntry" ("category", "createdAt", "id", "note", "origin", "term", "translation", "updatedAt") SELECT "category", "createdAt", "id", "note", "origin", "term", "translation", "updatedAt" FROM "GlossaryEntry";
DROP TABLE "GlossaryEntry";
ALTER TABLE "new_GlossaryEntry" RENAME TO "GlossaryEntry";
CREATE UNIQUE INDEX "GlossaryEntry_termKey_key" ON "GlossaryEntry"("termKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

