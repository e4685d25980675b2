#!/usr/bin/env node
// The PostgreSQL schema is generated from prisma/schema.prisma (the one schema
// everyone edits), so both providers always describe the same models. Run
// `npm run db:postgres-schema` after editing the schema; tests/db/postgres-schema.test.ts
// fails when the committed file is stale.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:postgres-schema\`: do not
// edit. Change prisma/schema.prisma instead; the PostgreSQL migrations live in
// prisma/postgresql/migrations.
`;

/** Replaces exactly one match of `pattern`, so a schema whose shape changed fails loudly. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.replace("g", "") + "g"));
  if (matches?.length !== 1)
    throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches?.length ?? 0}.`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for the text of the SQLite schema. */
export function postgresSchema(sqlite) {
  let text = sqlite;
  text = replaceOnce(text, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', "sqlite provider");
  // The app and the CLI connect through the pg driver adapter (prisma.config.ts);
  // the CLI still wants a url here, and never uses it.
  text = replaceOnce(
    text,
    /url\s*=\s*"file:[^"]*"/,
    'url      = "postgresql://localhost/dwibahasa"',
    "file: url",
  );
  text = replaceOnce(
    text,
    /output\s*=\s*"\.\.\/lib\/db\/generated"/,
    'output          = "../../lib/db/generated-pg"',
    "client output",
  );
  return HEADER + text;
}

export function writePostgresSchema() {
  const text = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  const changed =
    !fs.existsSync(POSTGRES_SCHEMA) || fs.readFileSync(POSTGRES_SCHEMA, "utf8") !== text;
  if (changed) fs.writeFileSync(POSTGRES_SCHEMA, text);
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = writePostgresSchema();
  console.log(
    changed
      ? "Wrote prisma/postgresql/schema.prisma."
      : "prisma/postgresql/schema.prisma is up to date.",
  );
}
