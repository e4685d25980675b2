import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { SentenceRequest, SentenceResult } from "../decode";
import { ModelUnavailableError, type ModelStatus, type TranslationEngine } from "../engine";
import { modelRevision, type ModelSource } from "../models/source";
import type { FromWorker, ToWorker } from "./protocol";
import { MODEL_PROCESS_FLAGS } from "./node-flags";

/** Niceness of the worker: the web process goes first when both want a core. */
const WORKER_PRIORITY = 10;

interface Pending {
  resolve(results: SentenceResult[]): void;
  reject(error: Error): void;
}

/**
 * The translation engine as seen from the web process: the model runs in a
 * child process (lib/translation/worker/process.ts) at a lower priority, so
 * model calls never hold up a page. If the worker dies, the calls it had are
 * refused with an error that says so (the sentences stored before stay), and
 * the next call starts a new worker.
 */
export class WorkerEngine implements TranslationEngine {
  private child: ChildProcess | null = null;
  private last: ModelStatus;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ready: Promise<boolean> | null = null;
  private readyResolve: ((ok: boolean) => void) | null = null;
  /** Why the previous worker stopped, shown until a new one is ready. */
  private crashed: string | null = null;

  constructor(
    private readonly source: ModelSource,
    private readonly script = path.join(
      process.env.DWIBAHASA_ROOT ?? process.cwd(),
      "lib/translation/worker/process.ts",
    ),
  ) {
    this.last = { id: source.id, state: "idle" };
  }

  get modelRevision(): string | null {
    return modelRevision(this.source);
  }

  get modelId(): string {
    return this.source.id;
  }

  status(): ModelStatus {
    if (this.crashed && this.last.state !== "ready") return { ...this.last, error: this.crashed };
    return this.last;
  }

  ensureLoaded(): Promise<boolean> {
    this.ready ??= new Promise<boolean>((resolve) => {
      this.readyResolve = resolve;
      this.start().send({ type: "load" } satisfies ToWorker);
    });
    return this.ready;
  }

  async translateBatch(requests: SentenceRequest[]): Promise<SentenceResult[]> {
    if (requests.length === 0) return [];
    if (!(await this.ensureLoaded()))
      throw new ModelUnavailableError(
        this.last.error ?? `The model ${this.source.id} is not available.`,
      );
    const id = this.nextId++;
    return new Promise<SentenceResult[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child!.send({ type: "translate", id, requests } satisfies ToWorker);
    });
  }

  /** Stops the worker (the server is shutting down). */
  stop(): void {
    this.child?.kill("SIGKILL");
  }

  /** The worker's process id, while one runs. */
  get workerPid(): number | undefined {
    return this.child?.pid;
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.script, [], {
      execArgv: [...MODEL_PROCESS_FLAGS, "--import", "tsx"],
      // The worker loads this engine's model, whatever MT_MODEL says.
      env: { ...process.env, MT_MODEL: this.source.id },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child = child;
    try {
      if (child.pid) os.setPriority(child.pid, WORKER_PRIORITY);
    } catch {
      // Not permitted here: the worker runs at the normal priority.
    }
    child.on("message", (message: FromWorker) => this.receive(message));
    child.on("exit", (code, signal) => this.exited(child, code, signal));
    // The web process may exit while the worker still runs: do not keep it alive for it.
    child.unref();
    child.channel?.unref();
    return child;
  }

  private receive(message: FromWorker): void {
    if (message.type === "status") {
      this.last = message.status;
      if (message.status.state === "ready") this.crashed = null;
      if (message.status.state === "ready" || message.status.state === "unavailable") {
        this.readyResolve?.(message.status.state === "ready");
        this.readyResolve = null;
        // A model that could not be loaded is tried again on the next call.
        if (message.status.state === "unavailable") this.ready = null;
      }
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === "result") pending.resolve(message.results);
    else
      pending.reject(
        message.unavailable
          ? new ModelUnavailableError(message.message)
          : new Error(message.message),
      );
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.ready = null;
    const how = signal ? `was stopped (${signal})` : `exited with code ${code}`;
    this.crashed = `The translation worker ${how}; a new one starts with the next translation.`;
    this.last = { id: this.source.id, state: "idle" };
    this.readyResolve?.(false);
    this.readyResolve = null;
    for (const pending of this.pending.values())
      pending.reject(new Error(`The translation worker ${how} during a translation.`));
    this.pending.clear();
  }
}
