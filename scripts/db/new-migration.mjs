#!/usr/bin/env node
// `npm run db:new-migration -- <name>`: writes the migration for a schema change
// for both providers, with one name:
//   prisma/migrations/<timestamp>_<name>/migration.sql             (SQLite)
//   prisma/postgresql/migrations/<timestamp>_<name>/migration.sql  (PostgreSQL)
// Each is the SQL that takes the committed schema (git HEAD, or --from <rev>)
// to the edited one; the PostgreSQL schema is regenerated from
// prisma/schema.prisma first. (`prisma migrate dev` needs a shadow database and
// `--from-url` is refused with a driver adapter, so the diff is taken between
// schema files.)
//
// `--postgres-only <existing folder> --from <rev>` writes only the PostgreSQL
// counterpart of a SQLite migration made without one (rev: the commit before
// that migration's schema change).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresSchema, POSTGRES_SCHEMA, writePostgresSchema } from "./postgres-schema.mjs";

function usage() {
  console.error(
    "Usage: npm run db:new-migration -- <name_in_snake_case> [--from <git revision>]\n" +
      "       npm run db:new-migration -- --postgres-only <existing_migration_folder> --from <git revision>",
  );
  process.exit(1);
}

const args = process.argv.slice(2);
const option = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) usage();
  args.splice(i, 2);
  return value;
};
const from = option("--from") ?? "HEAD";
const postgresOnly = option("--postgres-only");
const name = postgresOnly ?? args[0];
if (!name || !(postgresOnly ? /^\d{14}_[a-z0-9_]+$/ : /^[a-z0-9_]+$/).test(name)) usage();
if (postgresOnly && from === "HEAD") usage();

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "dwibahasa-"));
const previousSqlite = path.join(scratch, "previous.prisma");
const previousPostgres = path.join(scratch, "previous-pg.prisma");
const committed = execFileSync("git", ["show", `${from}:prisma/schema.prisma`], {
  encoding: "utf8",
});
fs.writeFileSync(previousSqlite, committed);
fs.writeFileSync(previousPostgres, postgresSchema(committed));
writePostgresSchema();

function diff(fromSchema, toSchema) {
  const sql = execFileSync(
    process.execPath,
    [
      "node_modules/prisma/build/index.js",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      fromSchema,
      "--to-schema-datamodel",
      toSchema,
      "--script",
    ],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      // A schema-to-schema diff opens no database; a scratch file keeps the CLI away from the real one.
      env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "diff.db")}` },
    },
  );
  return !sql.trim() || sql.includes("This is an empty migration") ? null : sql;
}

const sqlite = postgresOnly ? null : diff(previousSqlite, "prisma/schema.prisma");
const postgres = diff(previousPostgres, POSTGRES_SCHEMA);
if (!sqlite && !postgres) {
  console.log(`The schema has not changed since ${from}: no migration written.`);
  process.exit(0);
}
const folder =
  postgresOnly ?? `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;
const written = [];
for (const [root, sql] of [
  [path.join("prisma", "migrations"), sqlite],
  [path.join("prisma", "postgresql", "migrations"), postgres],
]) {
  if (!sql) continue;
  const dir = path.join(root, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  written.push(path.join(dir, "migration.sql"));
}
fs.rmSync(scratch, { recursive: true, force: true });
console.log(`Wrote ${written.join(" and ")}.`);
console.log(
  "Review them, then run: npx prisma migrate deploy (and with a postgresql:// DATABASE_URL for PostgreSQL).",
);
