// Shared by the benchmark scripts: fresh migrated databases, the seed articles
// as drafts (through the importer's own parsing and segmentation), and timing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ArticleDraft } from "../../lib/articles/store";
import { parseArticleFile } from "../../lib/content/article-file";
import { toDraft } from "../../lib/content/import";
import { createDb, type Db } from "../../lib/db/client";

const BENCH_DIR = path.resolve("tmp/bench");
let created = 0;

/** A new database file created by the real migrations. */
export function freshBenchDb(): { db: Db; file: string } {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `bench-${process.pid}-${created++}.db`);
  // With the WAL files: a new database must not meet an old one's log.
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      stdio: "pipe",
    },
  );
  return { db: createDb(`file:${file}`), file };
}

export function removeBenchDbs(): void {
  fs.rmSync(BENCH_DIR, { recursive: true, force: true });
}

export function readArticleDrafts(dir: string): ArticleDraft[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort();
  return files.map((file) => {
    const { body, ...meta } = parseArticleFile(fs.readFileSync(path.join(dir, file), "utf8"), file);
    return toDraft(meta, body);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** A figure of a JSON line: three decimals. */
export function round(value: number): number {
  return Number(value.toFixed(3));
}

export const fmt = (ms: number): string =>
  ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
