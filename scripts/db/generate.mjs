#!/usr/bin/env node
// `npm run db:generate` (also run by npm install, npm start and npm test):
// refreshes the generated PostgreSQL schema, then generates both Prisma clients,
// lib/db/generated (SQLite) and lib/db/generated-pg (PostgreSQL).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, writePostgresSchema } from "./postgres-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");

writePostgresSchema();
for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  try {
    execFileSync(process.execPath, [prisma, "generate", "--schema", schema], {
      cwd: root,
      stdio: "pipe",
    });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? "") + String(error.stderr ?? ""));
    console.error(`Generating the client of ${path.relative(root, schema)} failed.`);
    process.exit(1);
  }
}
console.log("Generated the SQLite and PostgreSQL database clients.");
