// The project's root folder and whether the last build is older than its
// sources. Shared by `npm start` and `npm test`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root, as a file path (fileURLToPath decodes "%20" and the like). */
export const projectRoot = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

/**
 * What the built app is made of. `prisma/schema.prisma` is here because the
 * generated client (skipped below: it is written on every start) follows it.
 */
export const BUILD_SOURCES = [
  "app",
  "lib",
  "messages",
  "prisma/schema.prisma",
  "proxy.ts",
  "instrumentation.ts",
  "global.d.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(root, entries) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p))
        if (child !== "generated" && child !== "generated-pg") visit(path.join(p, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  entries.forEach((entry) => visit(path.join(root, entry)));
  return newest;
}

/** True when there is no build, or a source file is newer than the last build. */
export function buildIsStale(root = projectRoot) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  return !fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestMtime(root, BUILD_SOURCES);
}
