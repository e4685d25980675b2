// The PostgreSQL migrations are what a team's database gets; the generated
// PostgreSQL schema is what the code is typed against. This fails when the two
// disagree, for example when a schema change landed with a SQLite migration
// only (write the PostgreSQL one with npm run db:new-migration).
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { admin, databaseUrlOn, quoteIdent } from "../../scripts/db/postgres-server.mjs";
import { expectSameTables, pushSchema } from "../helpers/schema";

const server = process.env.DWIBAHASA_TEST_POSTGRES_SERVER!;
const prefix = process.env.DWIBAHASA_TEST_POSTGRES_PREFIX!;

async function shape(client: pg.Client, table: string) {
  const columns = (
    await client.query(
      `SELECT column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
       ORDER BY column_name`,
      [table],
    )
  ).rows;
  const indexes = (
    await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1
       ORDER BY indexname`,
      [table],
    )
  ).rows;
  const constraints = (
    await client.query(
      `SELECT conname, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname = $1 ORDER BY conname`,
      [table],
    )
  ).rows;
  return { columns, indexes, constraints };
}

describe("PostgreSQL migrations", () => {
  const clients: pg.Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  it("produce exactly the tables, columns, indexes and constraints of prisma/postgresql/schema.prisma", async () => {
    const pushed = `${prefix}schema_push`;
    await admin(server, [`CREATE DATABASE ${quoteIdent(pushed)}`]);
    // The schema engine is slow to introspect PostgreSQL (about 20 s here).
    await pushSchema(databaseUrlOn(server, pushed));
    const fromSchema = new pg.Client({ connectionString: databaseUrlOn(server, pushed) });
    const fromMigrations = new pg.Client({
      connectionString: databaseUrlOn(server, `${prefix}template`),
    });
    clients.push(fromSchema, fromMigrations);
    await Promise.all(clients.map((c) => c.connect()));
    const tables = (
      await fromSchema.query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      )
    ).rows.map((r: { tablename: string }) => r.tablename);
    await expectSameTables(tables, (which, table) =>
      shape(which === "migrations" ? fromMigrations : fromSchema, table),
    );
  }, 180_000);
});
