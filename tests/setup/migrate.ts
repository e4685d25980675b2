// Builds a SQLite template database once per run with the real migrations; each
// test file copies it (tests/helpers/db.ts) so that files never share state. The
// template's name is unique to the run, so concurrent runs do not collide.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ensureTestDir } from "./test-dir";

export default function setup(): () => void {
  const cleanDir = ensureTestDir();
  const template = path.join(process.env.DWIBAHASA_TEST_DIR!, "template.db");
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: `file:${template}` },
      stdio: "pipe",
    },
  );
  return cleanDir;
}
