import { getDb } from "../db/client";
import { databaseUrl, providerOf } from "../db/url";
import { numberSetting } from "../settings";
import { BackgroundTranslation } from "./background";
import { DEFAULT_BATCH_ROWS, DEFAULT_BATCH_TOKENS } from "./batches";
import { engineFor } from "./engines";
import { defaultModelId } from "./models/choice";
import { configuredModelId } from "./models/source";
import { TeamTranslation } from "./jobs/team";
import { TranslationQueue, type QueueOptions } from "./queue";

const globalForQueue = globalThis as unknown as {
  dwibahasaQueues?: Map<string, TranslationQueue>;
  dwibahasaBackground?: BackgroundTranslation;
  dwibahasaTeam?: TeamTranslation;
};

/** Batching and concurrency from the settings (MT_BATCH_SIZE, MT_BATCH_TOKENS, MT_CONCURRENCY). */
export function queueOptions(env: NodeJS.ProcessEnv = process.env): QueueOptions {
  return {
    batchSize: numberSetting("MT_BATCH_SIZE", DEFAULT_BATCH_ROWS, { env }),
    batchTokens: numberSetting("MT_BATCH_TOKENS", DEFAULT_BATCH_TOKENS, { env }),
    concurrency: numberSetting("MT_CONCURRENCY", 1, { env }),
  };
}

/** The process-wide queue of a model (`MT_MODEL`'s by default), sharing its engine and the database. */
export function getQueue(modelId: string = configuredModelId()): TranslationQueue {
  globalForQueue.dwibahasaQueues ??= new Map();
  let queue = globalForQueue.dwibahasaQueues.get(modelId);
  if (!queue) {
    queue = new TranslationQueue(getDb(), engineFor(modelId), queueOptions());
    globalForQueue.dwibahasaQueues.set(modelId, queue);
  }
  return queue;
}

/** The queue of the model that translates new text: an admin's choice, else `MT_MODEL`'s. */
export async function defaultQueue(): Promise<TranslationQueue> {
  return getQueue(await defaultModelId(getDb()));
}

/**
 * Team mode: on PostgreSQL, translation runs as jobs that any translation
 * worker takes (lib/translation/jobs/team.ts); on SQLite, in this process.
 */
export function teamMode(): boolean {
  return providerOf(databaseUrl()) === "postgresql";
}

/** The process's handle on the team's job queue (PostgreSQL only). */
export function getTeam(): TeamTranslation {
  globalForQueue.dwibahasaTeam ??= new TeamTranslation(getDb(), databaseUrl());
  return globalForQueue.dwibahasaTeam;
}

/** Whether the library is translated in the background (MT_BACKGROUND=0 turns it off). */
export function backgroundEnabled(): boolean {
  return process.env.MT_BACKGROUND !== "0";
}

/** Whether this app server translates too (MT_IN_APP=0: only dedicated workers do, team mode). */
export function translatesInApp(): boolean {
  return process.env.MT_IN_APP !== "0";
}

/** The process-wide background translation (SQLite), or null when it is off. */
export function getBackground(): BackgroundTranslation | null {
  if (!backgroundEnabled()) return null;
  globalForQueue.dwibahasaBackground ??= new BackgroundTranslation(getDb(), defaultQueue);
  return globalForQueue.dwibahasaBackground;
}

/** Tells the background translation that an article arrived or changed. */
export function translateInBackground(articleId?: number): void {
  if (!backgroundEnabled()) return;
  if (teamMode()) {
    if (articleId !== undefined)
      getTeam()
        .request(articleId)
        .catch((error: unknown) => console.error("Could not queue the translation:", error));
    return;
  }
  getBackground()?.wake(articleId);
}

/** How often the background looks for work it was not told about (other processes' imports, glossary changes). */
const RESCAN_MS = 30_000;

/**
 * Starts translating at server start: what a restart left unfinished is
 * taken up again. In team mode this server queues jobs for it, and works on
 * jobs itself unless MT_IN_APP=0.
 */
export function startBackgroundTranslation(): void {
  if (teamMode()) {
    const team = getTeam();
    if (translatesInApp()) void team.work(queueFor).catch((error: unknown) => console.error(error));
    if (!backgroundEnabled()) return;
    const schedule = () =>
      void team.schedule().catch((error: unknown) => console.error("Translation jobs:", error));
    schedule();
    setInterval(schedule, RESCAN_MS).unref();
    return;
  }
  const background = getBackground();
  if (!background) return;
  background.wake();
  setInterval(() => background.wake(), RESCAN_MS).unref();
}

/** A team job's queue: the model it names, else the default one. */
function queueFor(modelId: string | undefined): Promise<TranslationQueue> {
  return modelId ? Promise.resolve(getQueue(modelId)) : defaultQueue();
}
