#!/usr/bin/env node
// `npm run db:generate` (also run by npm install, npm start and npm test):
// refreshes the generated PostgreSQL schema, then generates both Prisma clients,
// lib/db/generated (SQLite) and lib/db/generated-pg (PostgreSQL).
//
// Clients already generated from the same schemas by the same Prisma are left
// as they are (a stamp beside them records what they were made from): npm
// start then does not rewrite them, and two servers started at once from one
// folder do not write them over each other.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, writePostgresSchema } from "./postgres-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
const CLIENTS = ["lib/db/generated", "lib/db/generated-pg"].map((dir) => path.join(root, dir));
const STAMP = path.join(root, "lib", "db", ".generated-from");

/** What the clients are made from: both schemas and the Prisma version. */
function sourceStamp() {
  const hash = crypto.createHash("sha256");
  for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) hash.update(fs.readFileSync(schema));
  const version = JSON.parse(
    fs.readFileSync(path.join(root, "node_modules", "prisma", "package.json"), "utf8"),
  ).version;
  return `${hash.update(version).digest("hex")}\n`;
}

writePostgresSchema();
const stamp = sourceStamp();
const upToDate =
  fs.existsSync(STAMP) &&
  fs.readFileSync(STAMP, "utf8") === stamp &&
  CLIENTS.every((dir) => fs.existsSync(path.join(dir, "client.ts")));
if (upToDate) {
  console.log("The SQLite and PostgreSQL database clients are up to date.");
} else {
  fs.rmSync(STAMP, { force: true });
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
  fs.writeFileSync(STAMP, stamp);
  console.log("Generated the SQLite and PostgreSQL database clients.");
}
