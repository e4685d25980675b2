import fs from "node:fs/promises";
import type { Db } from "../db/client";
import { importGlossary } from "./exchange";
import { patternKey } from "./matcher";
import { entryInclude, toRecord } from "./records";
import type { GlossaryEntryInput } from "./types";
import { afterWrites, inTransaction, writeEntry } from "./write";

/** Imports the starting glossary file (content/glossary.csv), if there is one. */
export async function importGlossaryFile(db: Db, file: string): Promise<SeedImportReport | null> {
  let content: string;
  try {
    content = await fs.readFile(file, "utf8");
  } catch {
    return null;
  }
  const { entries, rejected } = importGlossary(content, "csv");
  return importSeedGlossary(db, entries, rejected);
}

export interface SeedImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Entries a user edited or deleted in the app: the file never overrides them. */
  keptUserEdits: number;
  rejected: { row: number; reason: string }[];
}

/**
 * Imports the starting glossary (content/glossary.csv) idempotently: new
 * entries are created, seed entries follow the file, and entries a user
 * edited or deleted in the app are left as they are.
 */
export async function importSeedGlossary(
  db: Db,
  entries: GlossaryEntryInput[],
  rejected: { row: number; reason: string }[],
): Promise<SeedImportReport> {
  const report: SeedImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    keptUserEdits: 0,
    rejected: [...rejected],
  };
  const affected: string[] = [];
  for (const [i, input] of entries.entries()) {
    const termKey = patternKey(input.term);
    const existing = await db.glossaryEntry.findUnique({
      where: { termKey },
      include: entryInclude,
    });
    try {
      if (!existing) {
        const written = await inTransaction(db, (tx) => writeEntry(tx, input, "seed", null));
        affected.push(...written.affected);
        report.created++;
      } else if (existing.origin === "user" || existing.deletedAt) {
        report.keptUserEdits++;
      } else {
        const current = toRecord(existing);
        const same =
          current.translation === input.translation &&
          current.category === input.category &&
          current.note === input.note &&
          current.term === input.term &&
          current.aliases.join("|") === input.aliases.join("|");
        if (same) report.unchanged++;
        else {
          const written = await inTransaction(db, (tx) =>
            writeEntry(tx, input, "seed", existing.id),
          );
          affected.push(...written.affected);
          report.updated++;
        }
      }
    } catch (error) {
      report.rejected.push({
        row: i + 2,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  await afterWrites(db, affected);
  return report;
}
