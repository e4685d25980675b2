/**
 * Another installed model's translation of one sentence, for the reader's
 * sentence menu: made on demand by that model's engine (in its worker
 * process), shown, and stored only when a reader chooses it, as that model's
 * machine revision.
 */
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { Db } from "../db/client";
import { DomainError, NotFoundError, ValidationError } from "../errors";
import { translateWithGlossary, type MachineTranslation } from "../glossary/translate";
import { saveTranslationInputSchema } from "../revisions/corrections";
import { appendRevision } from "../revisions/store";
import { ModelUnavailableError } from "./engine";
import { engineFor } from "./engines";
import { modelIdSchema, requireAvailableModel } from "./models/choice";
import type { TranslationFlag } from "./output-check";

export const chooseAlternativeInputSchema = z.object({
  model: modelIdSchema,
  // As a correction names the revision it replaces.
  baseRevisionId: saveTranslationInputSchema.shape.baseRevisionId,
});

export interface Alternative {
  modelId: string;
  text: string;
  confidence: number;
  flags: TranslationFlag[];
  decoding: string;
}

// What a model wrote for a sentence, kept so that choosing it stores exactly
// what the reader saw without asking the model again (the least recently used go first).
const remembered = new LRUCache<string, Alternative>({ max: 500 });

function rememberKey(modelId: string, source: string): string {
  return `${modelId}\u0000${source}`;
}

export async function alternativeTranslation(
  db: Db,
  segmentId: number,
  modelId: string,
): Promise<Alternative> {
  requireAvailableModel(modelId);
  const segment = await db.segment.findUnique({
    where: { id: segmentId },
    select: { source: true },
  });
  if (!segment) throw new NotFoundError(`There is no segment ${segmentId}.`);
  const key = rememberKey(modelId, segment.source);
  const known = remembered.get(key);
  if (known) return known;
  const engine = engineFor(modelId);
  let translation: MachineTranslation | undefined;
  try {
    [translation] = await translateWithGlossary(db, [segment.source], (requests) =>
      engine.translateBatch(requests),
    );
  } catch (error) {
    if (error instanceof ModelUnavailableError) {
      throw new DomainError(error.message, 503, "modelUnavailable", { model: modelId });
    }
    throw error;
  }
  const alternative: Alternative = {
    modelId,
    text: translation?.text ?? "",
    confidence: translation?.confidence ?? 0,
    flags: translation?.flags ?? [],
    decoding: translation?.decoding ?? "",
  };
  remembered.set(key, alternative);
  return alternative;
}

/**
 * Stores another model's translation as the sentence's machine revision, only
 * if the current revision is still the one the reader saw (a conflict otherwise).
 */
export async function chooseAlternative(
  db: Db,
  segmentId: number,
  input: z.infer<typeof chooseAlternativeInputSchema>,
) {
  const alternative = await alternativeTranslation(db, segmentId, input.model);
  if (alternative.text.trim() === "") {
    throw new ValidationError(
      `The model ${input.model} wrote nothing for this sentence.`,
      "emptyTranslation",
      { model: input.model },
    );
  }
  const engine = engineFor(input.model);
  const revision = await db.$transaction((tx) =>
    appendRevision(tx, {
      segmentId,
      baseRevisionId: input.baseRevisionId,
      origin: "machine",
      event: "translate",
      text: alternative.text,
      modelId: input.model,
      modelRevision: engine.modelRevision,
      decoding: alternative.decoding,
      confidence: alternative.confidence,
      flags: alternative.flags,
    }),
  );
  return { revisionId: revision.id, ...alternative };
}
