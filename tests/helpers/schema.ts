import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";

/**
 * Creates a database straight from the Prisma schema of `databaseUrl`'s
 * provider (`prisma db push`). Asynchronous: a test worker blocked on a child
 * process cannot answer the runner, which then fails the run.
 */
export async function pushSchema(databaseUrl: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "db", "push", "--skip-generate"],
    { env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
}

/** Expects every table to have the same shape in the database the migrations made and the pushed one. */
export async function expectSameTables<T>(
  tables: string[],
  shape: (which: "migrations" | "schema", table: string) => Promise<T>,
): Promise<void> {
  expect(tables.length).toBeGreaterThan(3);
  for (const table of tables) {
    expect({ table, shape: await shape("migrations", table) }).toEqual({
      table,
      shape: await shape("schema", table),
    });
  }
}
