// Installs dependencies when node_modules is missing or older than the lock
// file. Shared by `npm start` and `npm test`, so both work on a fresh clone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function ensureDependencies(root) {
  const installed = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs)
    return;
  console.log("\n▶ Installing dependencies");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("\n✖ Installing dependencies failed (see npm's message above).");
    process.exit(result.status ?? 1);
  }
}
