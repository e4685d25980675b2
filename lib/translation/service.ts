import { getDb } from "../db/client";
import { getEngine } from "./engine";
import { TranslationQueue } from "./queue";

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

const globalForQueue = globalThis as unknown as { dwibahasaQueue?: TranslationQueue };

/** The process-wide queue, sharing the process-wide engine and database. */
export function getQueue(): TranslationQueue {
  globalForQueue.dwibahasaQueue ??= new TranslationQueue(getDb(), getEngine(), {
    batchSize: positiveInt(process.env.MT_BATCH_SIZE, 4),
    concurrency: positiveInt(process.env.MT_CONCURRENCY, 1),
  });
  return globalForQueue.dwibahasaQueue;
}
