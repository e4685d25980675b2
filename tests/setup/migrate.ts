// Builds a template database once per run with the real migrations; each test
// file copies it (tests/helpers/db.ts) so that files never share state.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TEMPLATE_DB = path.resolve("tmp/test/template.db");

export default function setup(): void {
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  fs.rmSync(TEMPLATE_DB, { force: true });
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
