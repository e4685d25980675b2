// `npm run db:copy -- --from <url> --to <url>`: copies a library between
// databases (file: for SQLite, postgresql:// for PostgreSQL), both ways. The
// target is migrated first and must be empty; counts and checksums of every
// table are printed for both sides, and the command fails if they differ.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { copyLibrary } from "../../lib/db/copy";
import { createDb } from "../../lib/db/client";
import { ensureDatabaseDir, providerOf } from "../../lib/db/url";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A file: URL relative to the working directory, as a shell user means it. */
function resolve(url: string): string {
  if (!url.startsWith("file:")) return url;
  const file = url.slice("file:".length);
  return `file:${path.resolve(file)}`;
}

async function main(): Promise<void> {
  const fromArg = option("--from");
  const toArg = option("--to");
  if (!fromArg || !toArg) {
    console.error("Usage: npm run db:copy -- --from <database url> --to <database url>");
    process.exit(1);
  }
  const [from, to] = [resolve(fromArg), resolve(toArg)];
  providerOf(from);
  providerOf(to);
  if (from === to) throw new Error("--from and --to name the same database.");
  console.log(`Migrating the target (${providerOf(to)})`);
  ensureDatabaseDir(to);
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: to },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const source = createDb(from);
  const target = createDb(to);
  try {
    const started = performance.now();
    const report = await copyLibrary(source, target);
    const width = Math.max(...report.source.map((r) => r.model.length));
    console.log(
      `\n${"table".padEnd(width)}  ${"source".padStart(8)}  ${"target".padStart(8)}  checksum`,
    );
    for (const [i, s] of report.source.entries()) {
      const t = report.target[i]!;
      const same = s.count === t.count && s.checksum === t.checksum;
      console.log(
        `${s.model.padEnd(width)}  ${String(s.count).padStart(8)}  ${String(t.count).padStart(8)}  ${s.checksum}${same ? "  ok" : `  DIFFERS (target ${t.checksum})`}`,
      );
    }
    const ms = Math.round(performance.now() - started);
    if (!report.identical) {
      console.error("\nThe copy differs from the source (see above).");
      process.exitCode = 1;
    } else console.log(`\nCopied and verified in ${ms} ms: counts and checksums match.`);
  } finally {
    await source.$disconnect();
    await target.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
