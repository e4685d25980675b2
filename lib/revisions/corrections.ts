import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { NotFoundError, ValidationError } from "../errors";
import { appendRevision, type Origin } from "./store";
import { hasControlChars } from "../text/control";

const MAX_TRANSLATION = 5000;

/** What a reader may save as a sentence's translation. Stored as typed, shown as text. */
export const translationTextSchema = z
  .string({ error: "The translation must be text." })
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, {
    message: "The translation is empty.",
    params: { code: "translationEmpty" },
  })
  .refine((s) => s.length <= MAX_TRANSLATION, {
    message: `The translation is longer than ${MAX_TRANSLATION.toLocaleString("en")} characters.`,
    params: { code: "translationTooLong", maximum: MAX_TRANSLATION },
  })
  // Line breaks included: a translation is one sentence.
  .refine((s) => !hasControlChars(s, { lineBreaks: false }), {
    message:
      "The translation contains control characters (such as line breaks or tabs); remove them and save again.",
    params: { code: "translationControl" },
  });

export const saveTranslationInputSchema = z.object({
  text: translationTextSchema,
  baseRevisionId: z
    .number({ error: "baseRevisionId must be the id of the revision you edited, or null." })
    .int()
    .positive()
    .nullable(),
});

export const reviewInputSchema = z.object({
  baseRevisionId: z
    .number({ error: "baseRevisionId must be the id of the revision you reviewed." })
    .int()
    .positive(),
});

export const revertInputSchema = z.object({
  revisionId: z.number().int().positive(),
  baseRevisionId: z.number().int().positive().nullable(),
});

export interface SavedTranslation {
  revisionId: number;
  text: string;
  origin: Origin;
  /** Other sentences that took this correction from translation memory. */
  propagated: number;
}

async function requireSegment(tx: Tx, segmentId: number) {
  const segment = await tx.segment.findUnique({
    where: { id: segmentId },
    select: {
      id: true,
      sourceKey: true,
      currentRevision: { select: { id: true, text: true, origin: true, event: true } },
    },
  });
  if (!segment) throw new NotFoundError(`No segment with id ${segmentId}.`);
  return segment;
}

/**
 * Gives every other sentence with the same source the human translation, unless
 * it has a human translation of its own. Part of the saving transaction. The
 * copies keep the correction's author: the text is theirs.
 */
async function propagate(
  tx: Tx,
  segmentId: number,
  sourceKey: string,
  revision: { id: number; text: string; authorId: string | null },
): Promise<number> {
  const { text } = revision;
  const twins = await tx.segment.findMany({
    where: { sourceKey, id: { not: segmentId }, removedAt: null },
    select: {
      id: true,
      currentRevisionId: true,
      currentRevision: { select: { origin: true, text: true } },
    },
  });
  let count = 0;
  for (const twin of twins) {
    if (twin.currentRevision?.origin === "human") continue;
    if (twin.currentRevision?.origin === "memory" && twin.currentRevision.text === text) continue;
    await appendRevision(tx, {
      segmentId: twin.id,
      baseRevisionId: twin.currentRevisionId,
      origin: "memory",
      event: "memory",
      text,
      memoryOfId: revision.id,
      authorId: revision.authorId,
    });
    count++;
  }
  return count;
}

async function saveHuman(
  db: Db,
  segmentId: number,
  text: string,
  baseRevisionId: number | null,
  event: "edit" | "revert",
  authorId: string | null,
): Promise<SavedTranslation> {
  return db.$transaction(async (tx) => {
    const segment = await requireSegment(tx, segmentId);
    const revision = await appendRevision(tx, {
      segmentId,
      baseRevisionId,
      origin: "human",
      event,
      text,
      authorId,
    });
    const propagated = await propagate(tx, segmentId, segment.sourceKey, revision);
    return { revisionId: revision.id, text, origin: "human" as const, propagated };
  });
}

/**
 * A reader's correction, by `authorId` (the signed-in user; null without
 * accounts). Refused with a conflict if someone saved since `baseRevisionId`.
 */
export async function saveTranslation(
  db: Db,
  segmentId: number,
  input: z.infer<typeof saveTranslationInputSchema>,
  authorId: string | null = null,
): Promise<SavedTranslation> {
  return saveHuman(db, segmentId, input.text, input.baseRevisionId, "edit", authorId);
}

/** Restores an older revision's text as a new human revision by `authorId`. */
export async function revertTranslation(
  db: Db,
  segmentId: number,
  input: z.infer<typeof revertInputSchema>,
  authorId: string | null = null,
): Promise<SavedTranslation> {
  const old = await db.revision.findUnique({
    where: { id: input.revisionId },
    select: { segmentId: true, text: true },
  });
  if (!old || old.segmentId !== segmentId)
    throw new NotFoundError(`Segment ${segmentId} has no revision ${input.revisionId}.`);
  return saveHuman(db, segmentId, old.text, input.baseRevisionId, "revert", authorId);
}

/** `authorId` accepts the current translation as correct without changing it (a "review" revision). */
export async function reviewTranslation(
  db: Db,
  segmentId: number,
  input: z.infer<typeof reviewInputSchema>,
  authorId: string | null = null,
): Promise<SavedTranslation> {
  return db.$transaction(async (tx) => {
    const segment = await requireSegment(tx, segmentId);
    const current = segment.currentRevision;
    if (!current)
      throw new ValidationError(
        "This sentence has no translation to review yet.",
        "nothingToReview",
      );
    const revision = await appendRevision(tx, {
      segmentId,
      baseRevisionId: input.baseRevisionId,
      origin: current.origin as Origin,
      event: "review",
      text: current.text,
      authorId,
    });
    return {
      revisionId: revision.id,
      text: current.text,
      origin: current.origin as Origin,
      propagated: 0,
    };
  });
}

/**
 * Fills sentences that have no translation from translation memory: the human
 * translation of the same sentence elsewhere in the library, else the most
 * recent imported unit (TMX) for it. Returns the segments it filled.
 */
export async function applyMemory(
  tx: Tx,
  segmentIds: number[],
): Promise<{ segmentId: number; revisionId: number; text: string }[]> {
  if (segmentIds.length === 0) return [];
  const targets = await tx.segment.findMany({
    where: { id: { in: segmentIds }, currentRevisionId: null, removedAt: null },
    select: { id: true, sourceKey: true },
  });
  if (targets.length === 0) return [];
  const keys = [...new Set(targets.map((t) => t.sourceKey))];
  const sources = await tx.segment.findMany({
    where: { sourceKey: { in: keys }, currentRevision: { origin: "human" } },
    select: {
      sourceKey: true,
      currentRevision: { select: { id: true, text: true, authorId: true } },
    },
    orderBy: { currentRevisionId: "desc" },
  });
  const human = new Map<string, { id: number; text: string; authorId: string | null }>();
  for (const s of sources)
    if (s.currentRevision && !human.has(s.sourceKey)) human.set(s.sourceKey, s.currentRevision);
  const units = await tx.memoryUnit.findMany({
    where: { sourceKey: { in: keys.filter((k) => !human.has(k)) } },
    select: { id: true, sourceKey: true, target: true },
    orderBy: [{ changedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
  });
  const imported = new Map<string, { id: number; target: string }>();
  for (const u of units) if (!imported.has(u.sourceKey)) imported.set(u.sourceKey, u);
  const filled = [];
  for (const target of targets) {
    const memory = human.get(target.sourceKey);
    const unit = memory ? undefined : imported.get(target.sourceKey);
    if (!memory && !unit) continue;
    const text = memory?.text ?? unit!.target;
    const revision = await appendRevision(tx, {
      segmentId: target.id,
      baseRevisionId: null,
      origin: "memory",
      event: "memory",
      text,
      memoryOfId: memory?.id ?? null,
      memoryUnitId: unit?.id ?? null,
      authorId: memory?.authorId ?? null,
    });
    filled.push({ segmentId: target.id, revisionId: revision.id, text });
  }
  return filled;
}

/** A sentence counts as checked by a person when its current revision is human or reviewed. */
export function isReviewed(revision: { origin: string; event: string } | null): boolean {
  return revision !== null && (revision.origin === "human" || revision.event === "review");
}
