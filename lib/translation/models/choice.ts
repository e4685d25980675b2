/**
 * Which model translates new text: the one an admin chose on the Models page,
 * else `MT_MODEL`'s. The choice is stored in the database, so every app
 * server and translation worker of a team follows it.
 */
import { z } from "zod";
import { changed, tags } from "../../cache/changes";
import { cacheFor } from "../../cache/per-db";
import type { Db } from "../../db/client";
import { ValidationError } from "../../errors";
import { availableModelIds, isAvailableModel } from "./installed";
import { configuredModelId } from "./source";

const DEFAULT_MODEL_KEY = "defaultModel";

export const modelIdSchema = z
  .string({ error: "model must be the id of an installed model." })
  .trim()
  .min(1, { error: "model must be the id of an installed model." })
  .max(300);

export const defaultModelInputSchema = z.object({ model: modelIdSchema });

export async function defaultModelId(db: Db): Promise<string> {
  // Kept in a tagged cache: the reader page asks on every request, and a kept
  // copy of the page stays valid until the choice changes.
  const chosen = await cacheFor<string | null>("defaultModel", db, 1).get("chosen", async () => {
    const row = await db.appSetting.findUnique({ where: { key: DEFAULT_MODEL_KEY } });
    return { value: row?.value ?? null, tags: [tags.models] };
  });
  // A chosen model that was removed from this machine since falls back to MT_MODEL's.
  return chosen && isAvailableModel(chosen) ? chosen : configuredModelId();
}

/** What the reader offers: the default model, and every model that may translate here. */
export interface ModelChoices {
  defaultModel: string;
  available: string[];
}

export async function modelChoices(db: Db): Promise<ModelChoices> {
  return { defaultModel: await defaultModelId(db), available: availableModelIds() };
}

export async function setDefaultModel(db: Db, modelId: string): Promise<void> {
  requireAvailableModel(modelId);
  await db.appSetting.upsert({
    where: { key: DEFAULT_MODEL_KEY },
    create: { key: DEFAULT_MODEL_KEY, value: modelId },
    update: { value: modelId },
  });
  changed(db, [tags.models]);
}

/** Refuses a model that is not installed here (it could not translate). */
export function requireAvailableModel(modelId: string): void {
  if (!isAvailableModel(modelId)) {
    throw new ValidationError(`The model ${modelId} is not installed.`, "modelNotInstalled", {
      model: modelId,
    });
  }
}
