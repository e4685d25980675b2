/**
 * A model's speed on this machine, measured on the library itself: every model
 * call of the translation queue is recorded, and the Models page reads the
 * recent ones.
 */
import type { Db } from "../../db/client";

export interface ModelRun {
  modelId: string;
  sentences: number;
  tokens: number;
  milliseconds: number;
}

export async function recordRun(db: Db, run: ModelRun): Promise<void> {
  if (run.sentences === 0) return;
  await db.translationRun.create({
    data: { ...run, milliseconds: Math.max(0, Math.round(run.milliseconds)) },
  });
}

export interface ModelSpeed {
  sentencesPerSecond: number;
  tokensPerSecond: number;
  /** Sentences the figures are measured over. */
  sentences: number;
}

/** Recent calls only: a model's speed changes with the machine and the settings. */
const RECENT_RUNS = 200;

export async function measuredSpeed(db: Db, modelId: string): Promise<ModelSpeed | null> {
  const runs = await db.translationRun.findMany({
    where: { modelId },
    orderBy: { id: "desc" },
    take: RECENT_RUNS,
    select: { sentences: true, tokens: true, milliseconds: true },
  });
  const sentences = runs.reduce((n, r) => n + r.sentences, 0);
  const tokens = runs.reduce((n, r) => n + r.tokens, 0);
  const seconds = runs.reduce((n, r) => n + r.milliseconds, 0) / 1000;
  if (sentences === 0 || seconds <= 0) return null;
  return { sentencesPerSecond: sentences / seconds, tokensPerSecond: tokens / seconds, sentences };
}
