import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";
import { MODEL_PROCESS_FLAGS } from "@/lib/translation/worker/node-flags";

/**
 * Starts a translation worker (`npm run worker`) on a database, with the
 * fixture model, one sentence per model call, and a short job time-out so
 * that a dead worker's job moves on quickly.
 */
export function startWorker(
  url: string,
  stdio: StdioOptions = ["ignore", "pipe", "inherit"],
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(
    process.execPath,
    [...MODEL_PROCESS_FLAGS, "--import", "tsx", path.resolve("scripts/worker.ts")],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        MT_MODEL: "tests/fixtures/tiny-marian",
        MT_BATCH_SIZE: "1",
        MT_JOB_TIMEOUT_SECONDS: "4",
        ...env,
      },
      stdio,
    },
  );
}

/** Resolves once a worker started with a piped stdout says it takes jobs. */
export function workerReady(worker: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("is taking jobs")) resolve();
    });
    worker.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

/** Waits until `check` holds (a check that throws, say while the database restarts, counts as not yet). */
export async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
