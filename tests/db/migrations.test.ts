// The migrations are what users' databases get; the schema is what the code is
// typed against. This test fails when the two disagree (for example a
// migration written before another branch's change dropped one of its columns).
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, describe, it } from "vitest";
import { testDir } from "../helpers/db";
import { expectSameTables, pushSchema } from "../helpers/schema";

interface TableShape {
  columns: unknown[];
  indexes: unknown[];
  foreignKeys: unknown[];
}

async function shape(client: Client, table: string): Promise<TableShape> {
  const columns = (await client.execute(`PRAGMA table_info("${table}")`)).rows.map((r) => ({
    name: r.name,
    type: r.type,
    notnull: r.notnull,
    default: r.dflt_value,
    pk: r.pk,
  }));
  const indexes = [];
  for (const index of (await client.execute(`PRAGMA index_list("${table}")`)).rows) {
    const cols = (await client.execute(`PRAGMA index_info("${String(index.name)}")`)).rows.map(
      (r) => r.name,
    );
    indexes.push({ unique: index.unique, origin: index.origin, columns: cols });
  }
  indexes.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const foreignKeys = (await client.execute(`PRAGMA foreign_key_list("${table}")`)).rows.map(
    (r) => ({ table: r.table, from: r.from, to: r.to, onDelete: r.on_delete }),
  );
  return { columns, indexes, foreignKeys };
}

describe("migrations", () => {
  const pushed = path.join(testDir(), "schema-push.db");
  const clients: Client[] = [];
  afterAll(() => clients.forEach((c) => c.close()));

  it("produce exactly the tables, columns and indexes of prisma/schema.prisma", async () => {
    fs.rmSync(pushed, { force: true });
    await pushSchema(`file:${pushed}`);
    const fromSchema = createClient({ url: `file:${pushed}` });
    const fromMigrations = createClient({ url: `file:${path.join(testDir(), "template.db")}` });
    clients.push(fromSchema, fromMigrations);
    const tables = (
      await fromSchema.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
    ).rows.map((r) => String(r.name));
    await expectSameTables(tables, (which, table) =>
      shape(which === "migrations" ? fromMigrations : fromSchema, table),
    );
  }, 180_000);
});
