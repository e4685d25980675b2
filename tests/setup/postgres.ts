// The PostgreSQL side of the suite: finds a server (scripts/db/postgres-server.mjs:
// 127.0.0.1:5432 when it answers, else a throwaway one of its own), builds a
// template database with the real PostgreSQL migrations, and drops every
// database of this run at the end. Test files copy the template
// (tests/helpers/db.ts), so files never share state.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  admin,
  databaseUrlOn,
  dropDatabases,
  findServer,
  quoteIdent,
} from "../../scripts/db/postgres-server.mjs";
import { ensureTestDir } from "./test-dir";

export default async function setup(): Promise<() => Promise<void>> {
  const cleanDir = ensureTestDir();
  const server = await findServer();
  // Unique to the run: concurrent runs on one server never touch each other's databases.
  const prefix = `dwibahasa_t${process.pid}_${randomBytes(3).toString("hex")}_`;
  const template = `${prefix}template`;
  await admin(server.url, [`CREATE DATABASE ${quoteIdent(template)}`]);
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    { env: { ...process.env, DATABASE_URL: databaseUrlOn(server.url, template) }, stdio: "pipe" },
  );
  // Test workers start after this and inherit the environment.
  process.env.DWIBAHASA_TEST_POSTGRES_SERVER = server.url;
  process.env.DWIBAHASA_TEST_POSTGRES_PREFIX = prefix;
  return async () => {
    await dropDatabases(server.url, prefix);
    await server.stop();
    cleanDir();
  };
}
