// What two processes at once get out of this machine, without the database or
// the job queue, for `npm run bench:workers`: the same work run by one process,
// then by two at the same moment, for three kinds of work:
//   - arithmetic (a loop in registers: how far the cores themselves scale);
//   - memory (summing an array far larger than the caches: shared bandwidth);
//   - the model (the app's engine, one ONNX thread, on the seed sentences in
//     the queue's batches: what the workers do minus the queue).
// Each child loads what it needs, says it is ready, and starts only when every
// child is ready, so loading is never timed.
//
// Run as a child: BENCH_PARALLEL_KIND=<kind> tsx scripts/bench/parallel.ts
import { fork } from "node:child_process";
import type { SentenceRequest } from "../../lib/translation/decode";

export type ParallelKind = "arithmetic" | "memory" | "model";

export interface Scaling {
  kind: ParallelKind;
  /** Time for one process alone. */
  oneMs: number;
  /** Time until both of two simultaneous processes have finished. */
  twoMs: number;
  /** Work per second with two processes over work per second with one. */
  twoOverOne: number;
  /** Cores a process running alone keeps busy (above 1: threads of its own beside the main one). */
  coresAlone: number;
}

// The project compiles scripts as CommonJS.
const SELF = __filename;

interface Finished {
  /** Until the last child ended. */
  ms: number;
  /** Cores one child kept busy on average: its CPU time over its own run time. */
  coresPerProcess: number;
}

/** Runs `copies` children of one kind at once. */
async function runTogether(
  kind: ParallelKind,
  copies: number,
  model: string,
  flags: readonly string[],
): Promise<Finished> {
  const children = Array.from({ length: copies }, () =>
    fork(SELF, [], {
      env: { ...process.env, BENCH_PARALLEL_KIND: kind, MT_MODEL: model, MT_THREADS: "1" },
      execArgv: [...flags, "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  type Message = { type: string; ms?: number; cpuMs?: number };
  try {
    const message = (child: (typeof children)[number], type: string) =>
      new Promise<Message>((resolve, reject) => {
        child.on("message", (m: Message) => {
          if (m.type === type) resolve(m);
        });
        child.once("exit", (code) => reject(new Error(`A ${kind} child exited (code ${code}).`)));
      });
    await Promise.all(children.map((c) => message(c, "ready")));
    const start = performance.now();
    const done = children.map((c) => message(c, "done"));
    for (const c of children) c.send({ type: "go" });
    const reports = await Promise.all(done);
    const cores = reports.map((r) => (r.cpuMs ?? 0) / (r.ms ?? 1));
    return {
      ms: performance.now() - start,
      coresPerProcess: cores.reduce((a, b) => a + b, 0) / cores.length,
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  }
}

/** One process alone, then two at once, each started with the given Node.js flags. */
export async function parallelScaling(
  kind: ParallelKind,
  model: string,
  flags: readonly string[] = [],
): Promise<Scaling> {
  // Warm the page cache and the JIT paths once; not timed.
  await runTogether(kind, 1, model, flags);
  const one = await runTogether(kind, 1, model, flags);
  const two = await runTogether(kind, 2, model, flags);
  return {
    kind,
    oneMs: one.ms,
    twoMs: two.ms,
    twoOverOne: (2 * one.ms) / two.ms,
    coresAlone: one.coresPerProcess,
  };
}

// --- the children -----------------------------------------------------------

function arithmetic(): number {
  // An LCG in 32-bit registers: no memory traffic to speak of.
  let x = 1;
  for (let i = 0; i < 400_000_000; i++) x = (Math.imul(x, 1_664_525) + 1_013_904_223) | 0;
  return x;
}

function memoryWork(): () => number {
  // 256 MB, eight times the machine's last-level cache, read start to end.
  const data = new Float64Array(32 * 1024 * 1024).fill(1);
  return () => {
    let sum = 0;
    for (let pass = 0; pass < 6; pass++) for (let i = 0; i < data.length; i += 8) sum += data[i]!;
    return sum;
  };
}

async function modelWork(): Promise<() => Promise<unknown>> {
  const { TransformersEngine, mtThreads } =
    await import("../../lib/translation/transformers-engine");
  const { resolveModelSource } = await import("../../lib/translation/models/source");
  const { DEFAULT_BATCH_TOKENS, planBatches } = await import("../../lib/translation/batches");
  const { queueOptions } = await import("../../lib/translation/service");
  const { readArticleDrafts } = await import("./library");
  const engine = new TransformersEngine(resolveModelSource(), undefined, mtThreads());
  if (!(await engine.ensureLoaded())) throw new Error(engine.status().error);
  const sentences = readArticleDrafts("content")
    .flatMap((d) => d.paragraphs.flat())
    .slice(0, Number(process.env.BENCH_PARALLEL_SENTENCES ?? 32));
  const { batchSize, batchTokens } = queueOptions();
  const batches = planBatches(
    sentences.map((source): SentenceRequest => ({ source })),
    { maxRows: batchSize, maxTokens: batchTokens ?? DEFAULT_BATCH_TOKENS },
  );
  return async () => {
    for (const batch of batches) await engine.translateBatch(batch);
  };
}

async function child(kind: ParallelKind): Promise<void> {
  if (process.env.TMP_RUNTIME_GC)
    (await import("node:v8")).setFlagsFromString("--single-threaded-gc");
  let work: () => unknown;
  if (kind === "arithmetic") work = arithmetic;
  else if (kind === "memory") work = memoryWork();
  else work = await modelWork();
  process.send!({ type: "ready" });
  process.once("message", async () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await work();
    const used = process.cpuUsage(cpu);
    process.send!(
      { type: "done", ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 },
      () => process.exit(0),
    );
  });
}

const kind = process.env.BENCH_PARALLEL_KIND as ParallelKind | undefined;
if (kind && process.send) void child(kind);
