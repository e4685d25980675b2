import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb, setDb, type Db } from "@/lib/db/client";

/**
 * A fresh database created by the real migrations (copied from the template
 * that tests/setup/migrate.ts builds), also installed as the app's database so
 * that route handlers under test use it.
 */
export function freshDb(): { db: Db; url: string; file: string } {
  const file = path.resolve(`tmp/test/${randomUUID()}.db`);
  fs.copyFileSync(path.resolve("tmp/test/template.db"), file);
  const url = `file:${file}`;
  const db = createDb(url);
  setDb(db);
  return { db, url, file };
}
