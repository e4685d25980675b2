import { getDb } from "../db/client";
import { databaseUrl, providerOf } from "../db/url";
import { numberSetting } from "../settings";
import { BackgroundTranslation } from "./background";
import { DEFAULT_BATCH_ROWS, DEFAULT_BATCH_TOKENS } from "./batches";
import { getEngine } from "./engines";
import { TeamTranslation } from "./jobs/team";
import { TranslationQueue, type QueueOptions } from "./queue";

const globalForQueue = globalThis as unknown as {
  dwibahasaQueue?: TranslationQueue;
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

/** The process-wide queue, sharing the process-wide engine and database. */
export function getQueue(): TranslationQueue {
  globalForQueue.dwibahasaQueue ??= new TranslationQueue(getDb(), getEngine(), queueOptions());
  return globalForQueue.dwibahasaQueue;
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
  globalForQueue.dwibahasaBackground ??= new BackgroundTranslation(getDb(), getQueue());
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
    if (translatesInApp())
      void team.work(getQueue()).catch((error: unknown) => console.error(error));
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
