import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb, setDb, type Db } from "@/lib/db/client";
import type { Provider } from "@/lib/db/url";
import { databaseUrlOn } from "../../scripts/db/postgres-server.mjs";

/** The folder of this test run (made by tests/setup/). */
export function testDir(): string {
  const dir = process.env.DWIBAHASA_TEST_DIR;
  if (!dir)
    throw new Error("DWIBAHASA_TEST_DIR is not set: run the tests through vitest (npm test).");
  return dir;
}

/** The database the suites run on: vitest.config.ts runs the shared suites once for each. */
export function testProvider(): Provider {
  return process.env.DWIBAHASA_TEST_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
}

/** A new empty PostgreSQL database of this run, made by the real migrations (a copy of the run's template). */
export function freshPostgresUrl(): string {
  const server = process.env.DWIBAHASA_TEST_POSTGRES_SERVER;
  const prefix = process.env.DWIBAHASA_TEST_POSTGRES_PREFIX;
  if (!server || !prefix)
    throw new Error("No PostgreSQL test server: run this file in vitest's postgresql project.");
  const name = `${prefix}${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  execFileSync(process.execPath, [
    path.resolve("tests/helpers/create-database.mjs"),
    server,
    `${prefix}template`,
    name,
  ]);
  return databaseUrlOn(server, name);
}

/** A new SQLite database file of this run, made by the real migrations. */
export function freshSqliteUrl(): string {
  const file = path.join(testDir(), `${randomUUID()}.db`);
  fs.copyFileSync(path.join(testDir(), "template.db"), file);
  return `file:${file}`;
}

/**
 * A fresh database created by the real migrations, on the provider of the
 * running project, also installed as the app's database so that route
 * handlers under test use it.
 */
export function freshDb(): { db: Db; url: string } {
  const url = testProvider() === "postgresql" ? freshPostgresUrl() : freshSqliteUrl();
  const db = createDb(url);
  setDb(db);
  return { db, url };
}
