// Builds a template database once per run with the real migrations; each test
// file copies it (tests/helpers/db.ts) so that files never share state. The
// template's name is unique to the run, so concurrent runs do not collide.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export default function setup(): () => void {
  const dir = path.resolve(`tmp/test/run-${process.pid}`);
  const template = path.join(dir, "template.db");
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: `file:${template}` },
      stdio: "pipe",
    },
  );
  // Test workers start after this and inherit the environment.
  process.env.DWIBAHASA_TEST_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
