import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb, setDb, type Db } from "@/lib/db/client";

/** The folder of this test run (made by tests/setup/migrate.ts). */
export function testDir(): string {
  const dir = process.env.DWIBAHASA_TEST_DIR;
  if (!dir)
    throw new Error("DWIBAHASA_TEST_DIR is not set: run the tests through vitest (npm test).");
  return dir;
}

/**
 * A fresh database created by the real migrations (a copy of the run's
 * template), also installed as the app's database so that route handlers under
 * test use it.
 */
export function freshDb(): { db: Db; url: string; file: string } {
  const file = path.join(testDir(), `${randomUUID()}.db`);
  fs.copyFileSync(path.join(testDir(), "template.db"), file);
  const url = `file:${file}`;
  const db = createDb(url);
  setDb(db);
  return { db, url, file };
}
