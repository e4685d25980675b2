import { getDb } from "../db/client";
import { BackgroundTranslation } from "./background";
import { DEFAULT_BATCH_TOKENS } from "./batches";
import { getEngine } from "./engine";
import { TranslationQueue } from "./queue";

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

const globalForQueue = globalThis as unknown as {
  dwibahasaQueue?: TranslationQueue;
  dwibahasaBackground?: BackgroundTranslation;
};

/** The process-wide queue, sharing the process-wide engine and database. */
export function getQueue(): TranslationQueue {
  globalForQueue.dwibahasaQueue ??= new TranslationQueue(getDb(), getEngine(), {
    batchSize: positiveInt(process.env.MT_BATCH_SIZE, 4),
    batchTokens: positiveInt(process.env.MT_BATCH_TOKENS, DEFAULT_BATCH_TOKENS),
    concurrency: positiveInt(process.env.MT_CONCURRENCY, 1),
  });
  return globalForQueue.dwibahasaQueue;
}

/** Whether the library is translated in the background (MT_BACKGROUND=0 turns it off). */
export function backgroundEnabled(): boolean {
  return process.env.MT_BACKGROUND !== "0";
}

/** The process-wide background translation, or null when it is turned off. */
export function getBackground(): BackgroundTranslation | null {
  if (!backgroundEnabled()) return null;
  globalForQueue.dwibahasaBackground ??= new BackgroundTranslation(getDb(), getQueue());
  return globalForQueue.dwibahasaBackground;
}

/** Tells the background translation that an article arrived or changed. */
export function translateInBackground(articleId?: number): void {
  getBackground()?.wake(articleId);
}

/** How often the background looks for work it was not told about (other processes' imports, glossary changes). */
const RESCAN_MS = 30_000;

/** Starts the background translation at server start: it picks up what a restart left unfinished. */
export function startBackgroundTranslation(): void {
  const background = getBackground();
  if (!background) return;
  background.wake();
  setInterval(() => background.wake(), RESCAN_MS).unref();
}
