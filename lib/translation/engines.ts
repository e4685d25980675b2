import type { TranslationEngine } from "./engine";
import { resolveModelSource } from "./models/source";
import { mtThreads, TransformersEngine } from "./transformers-engine";
import { WorkerEngine } from "./worker/client";

// One per process: route handlers and the queue share this instance. The
// server's engine runs the model in a worker process of its own (see
// lib/translation/worker/), so the web server never waits on it.
const globalForEngine = globalThis as unknown as { dwibahasaEngine?: TranslationEngine };

export function getEngine(): TranslationEngine {
  globalForEngine.dwibahasaEngine ??= createEngine();
  return globalForEngine.dwibahasaEngine;
}

/** MT_WORKER=0 runs the model in the web process itself (for debugging). */
function createEngine(): TranslationEngine {
  const source = resolveModelSource();
  if (process.env.MT_WORKER === "0") return new TransformersEngine(source, undefined, mtThreads());
  return new WorkerEngine(source);
}

/** For tests and tools that choose their own engine. */
export function setEngine(engine: TranslationEngine): void {
  globalForEngine.dwibahasaEngine = engine;
}
