/**
 * The process's translation engines, one per model, each made on first use
 * and kept: the web server's run their model in a worker process of their own
 * (see lib/translation/worker/), so the web server never waits on a model.
 */
import type { Db } from "../db/client";
import type { TranslationEngine } from "./engine";
import { defaultModelId } from "./models/choice";
import { configuredModelId, resolveModelSource } from "./models/source";
import { mtThreads, TransformersEngine } from "./transformers-engine";
import { WorkerEngine } from "./worker/client";

const globalForEngine = globalThis as unknown as {
  dwibahasaEngines?: Map<string, TranslationEngine>;
};

function engines(): Map<string, TranslationEngine> {
  globalForEngine.dwibahasaEngines ??= new Map();
  return globalForEngine.dwibahasaEngines;
}

/** The engine of `MT_MODEL`'s model (what the health check reports). */
export function getEngine(): TranslationEngine {
  return engineFor(configuredModelId());
}

/** The engine of the model that translates new text (an admin's choice, else `MT_MODEL`'s). */
export async function defaultEngine(db: Db): Promise<TranslationEngine> {
  return engineFor(await defaultModelId(db));
}

/** The engine of a model (callers check that it is installed: lib/translation/models/choice.ts). */
export function engineFor(modelId: string): TranslationEngine {
  let engine = engines().get(modelId);
  if (!engine) {
    engine = createEngine(modelId);
    engines().set(modelId, engine);
  }
  return engine;
}

/** MT_WORKER=0 runs the model in the web process itself (for debugging). */
function createEngine(modelId: string): TranslationEngine {
  const source = resolveModelSource(modelId);
  if (process.env.MT_WORKER === "0") return new TransformersEngine(source, undefined, mtThreads());
  return new WorkerEngine(source);
}

/** For tests and tools that choose their own engine (for its model id, `MT_MODEL`'s by default). */
export function setEngine(engine: TranslationEngine, modelId = configuredModelId()): void {
  engines().set(modelId, engine);
}
