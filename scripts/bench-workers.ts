// `npm run bench:workers`: team-mode translation throughput on PostgreSQL with
// one translation worker against two (one ONNX thread each), on the same
// articles and model, in one run. Prints a table and, last, {"twoOverOne":…}.
//
//   npm run bench:workers                                   # models/bench-opus-shaped
//   BENCH_MODEL=tests/fixtures/tiny-marian BENCH_COPIES=20 npm run bench:workers
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { saveArticle } from "../lib/articles/store";
import { createDb } from "../lib/db/client";
import { TeamTranslation } from "../lib/translation/jobs/team";
import { pendingWork } from "../lib/translation/progress";
import {
  admin,
  databaseUrlOn,
  dropDatabases,
  findServer,
  quoteIdent,
} from "./db/postgres-server.mjs";
import { readArticleDrafts } from "./bench-library";

const MODEL = process.env.BENCH_MODEL ?? "models/bench-opus-shaped";
const COPIES = Number(process.env.BENCH_COPIES ?? 1);

function startWorker(url: string): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
    env: { ...process.env, DATABASE_URL: url, MT_MODEL: MODEL, MT_THREADS: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    worker.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("is taking jobs")) resolve(worker);
    });
    worker.on("exit", (code) => reject(new Error(`A worker exited (code ${code}).`)));
  });
}

async function run(serverUrl: string, prefix: string, workers: number) {
  const name = `${prefix}w${workers}`;
  await admin(serverUrl, [`CREATE DATABASE ${quoteIdent(name)}`]);
  const url = databaseUrlOn(serverUrl, name);
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    },
  );
  const db = createDb(url);
  for (let c = 0; c < COPIES; c++)
    for (const draft of readArticleDrafts("content"))
      await saveArticle(db, { ...draft, slug: `${draft.slug}-${c}` }, "file");
  const { sentences } = await pendingWork(db);
  const procs: ChildProcess[] = [];
  process.on("exit", () => procs.forEach((p) => p.kill("SIGKILL")));
  for (let i = 0; i < workers; i++) procs.push(await startWorker(url));
  const team = new TeamTranslation(db, url);
  const start = performance.now();
  await team.schedule();
  while ((await pendingWork(db)).sentences > 0) await new Promise((r) => setTimeout(r, 200));
  const ms = performance.now() - start;
  for (const p of procs) p.kill("SIGTERM");
  await team.stop();
  await db.$disconnect();
  return { workers, sentences, ms };
}

async function main(): Promise<void> {
  const server = await findServer();
  const prefix = `dwibahasa_bench_${process.pid}_`;
  try {
    const one = await run(server.url, prefix, 1);
    const two = await run(server.url, prefix, 2);
    console.log(
      `\nmodel ${MODEL}, ${one.sentences} sentences (${COPIES}× the seed articles), MT_THREADS=1 per worker\n`,
    );
    console.log("| workers | sentences | time | sentences/s |");
    console.log("| --- | --- | --- | --- |");
    for (const r of [one, two])
      console.log(
        `| ${r.workers} | ${r.sentences} | ${(r.ms / 1000).toFixed(1)} s | ${(r.sentences / (r.ms / 1000)).toFixed(2)} |`,
      );
    const twoOverOne = Number((two.sentences / two.ms / (one.sentences / one.ms)).toFixed(3));
    console.log(
      `\n${twoOverOne >= 1.7 ? "met" : "NOT met"}: twoOverOne = ${twoOverOne} (goal ≥ 1.7)`,
    );
    console.log(JSON.stringify({ twoOverOne }));
  } finally {
    await dropDatabases(server.url, prefix).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
