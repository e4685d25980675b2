import fs from "node:fs";
import path from "node:path";

/** The run's scratch folder (DWIBAHASA_TEST_DIR), made once; returns what removes it. */
export function ensureTestDir(): () => void {
  if (process.env.DWIBAHASA_TEST_DIR) return () => {};
  const dir = path.resolve(`tmp/test/run-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  process.env.DWIBAHASA_TEST_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
