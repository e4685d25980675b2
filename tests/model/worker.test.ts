import { afterAll, describe, expect, it } from "vitest";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";
import fs from "node:fs";
import { WorkerEngine } from "@/lib/translation/worker/client";
import { MODEL_PROCESS_FLAGS } from "@/lib/translation/worker/node-flags";

const source = resolveModelSource("tests/fixtures/tiny-marian");
const sentences = [
  { source: "Kim bertemu Putin di Rusia." },
  { source: "Xi bertemu Kim di Pyongyang." },
];

const previousModel = process.env.MT_MODEL;
// The worker reads the model settings from its environment, as the server's does.
process.env.MT_MODEL = "tests/fixtures/tiny-marian";
const worker = new WorkerEngine(source);

afterAll(() => {
  worker.stop();
  if (previousModel === undefined) delete process.env.MT_MODEL;
  else process.env.MT_MODEL = previousModel;
});

describe("the translation worker", () => {
  it("translates in a process of its own exactly as the engine does in this one", async () => {
    expect(worker.status().state).toBe("idle");
    expect(await worker.ensureLoaded()).toBe(true);
    expect(worker.status().state).toBe("ready");
    expect(worker.workerPid).not.toBe(process.pid);
    const inProcess = await new TransformersEngine(source).translateBatch(sentences);
    expect(await worker.translateBatch(sentences)).toEqual(inProcess);
    expect(inProcess[0]!.text).toBe("Kim met Putin in Russia.");
  }, 60_000);

  it("runs the model with its garbage collection on one thread, as npm run worker does", async () => {
    await worker.ensureLoaded();
    // What the kernel says the worker process was started with.
    const argv = fs.readFileSync(`/proc/${worker.workerPid}/cmdline`, "utf8").split("\0");
    for (const flag of MODEL_PROCESS_FLAGS) expect(argv).toContain(flag);
    const npmWorker = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.worker as string;
    for (const flag of MODEL_PROCESS_FLAGS) expect(npmWorker.split(" ")).toContain(flag);
  }, 60_000);

  it("says so when the worker dies during a call, and starts a new one for the next", async () => {
    await worker.ensureLoaded();
    const pid = worker.workerPid!;
    const call = worker.translateBatch(sentences);
    process.kill(pid, "SIGKILL");
    await expect(call).rejects.toThrow(/translation worker was stopped \(SIGKILL\)/);
    expect(worker.status().error).toMatch(/a new one starts/);
    const again = await worker.translateBatch(sentences);
    expect(again[0]!.text).toBe("Kim met Putin in Russia.");
    expect(worker.workerPid).not.toBe(pid);
    expect(worker.status()).toMatchObject({ state: "ready" });
    expect(worker.status().error).toBeUndefined();
  }, 60_000);

  it("reports a model that is not installed without crashing", async () => {
    process.env.MT_MODEL = "tests/fixtures/no-such-model";
    const missing = new WorkerEngine(resolveModelSource("tests/fixtures/no-such-model"));
    try {
      expect(await missing.ensureLoaded()).toBe(false);
      expect(missing.status().state).toBe("unavailable");
      await expect(missing.translateBatch(sentences)).rejects.toThrow(
        /not installed|could not be loaded/,
      );
    } finally {
      missing.stop();
      process.env.MT_MODEL = "tests/fixtures/tiny-marian";
    }
  }, 60_000);
});
