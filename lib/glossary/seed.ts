import fs from "node:fs/promises";
import type { Db } from "../db/client";
import { importGlossary } from "./exchange";
import { importSeedGlossary, type SeedImportReport } from "./store";

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
