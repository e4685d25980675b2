import type { Tx } from "../db/client";
import type { RevisionEvent, RevisionOrigin as Origin } from "../db/generated/enums";
import { changed, tags } from "../cache/changes";
import { lockSegment } from "../db/locks";
import { ConflictError } from "../errors";
import { indexTranslation } from "../search/index";
import { serializeFlags, type TranslationFlag } from "../translation/output-check";

// The schema's enums (prisma/schema.prisma).
export type { RevisionEvent, Origin };

export interface NewRevision {
  segmentId: number;
  /** The revision the writer saw as current; the write is refused if it changed. */
  baseRevisionId: number | null;
  origin: Origin;
  event: RevisionEvent;
  text: string;
  modelId?: string | null;
  /** Machine revisions: the model's revision and how it decoded (see prisma/schema.prisma). */
  modelRevision?: string | null;
  decoding?: string | null;
  memoryOfId?: number | null;
  /** Memory revisions from an imported translation-memory unit (TMX). */
  memoryUnitId?: number | null;
  /** Machine revisions: 0-1 confidence and flags (see lib/translation/output-check.ts). */
  confidence?: number | null;
  flags?: readonly TranslationFlag[];
  /** The signed-in user whose text or check this is (null: the machine, an import, no accounts). */
  authorId?: string | null;
}

/**
 * Appends a revision and makes it the segment's current translation, in one
 * transaction, only if the segment's current revision is still
 * `baseRevisionId`. This compare-and-set is what makes concurrent saves safe:
 * exactly one of several writers with the same base wins.
 */
export async function appendRevision(tx: Tx, input: NewRevision) {
  await lockSegment(tx, input.segmentId);
  const revision = await tx.revision.create({
    data: {
      segmentId: input.segmentId,
      origin: input.origin,
      event: input.event,
      text: input.text,
      modelId: input.modelId ?? null,
      modelRevision: input.modelRevision ?? null,
      decoding: input.decoding ?? null,
      baseRevisionId: input.baseRevisionId,
      memoryOfId: input.memoryOfId ?? null,
      memoryUnitId: input.memoryUnitId ?? null,
      confidence: input.confidence ?? null,
      flags: serializeFlags(input.flags ?? []),
      authorId: input.authorId ?? null,
    },
  });
  const { count } = await tx.segment.updateMany({
    where: { id: input.segmentId, currentRevisionId: input.baseRevisionId },
    data: { currentRevisionId: revision.id, outdatedAt: null },
  });
  changed(tx, [tags.segment(input.segmentId), tags.translations]);
  if (count !== 1) {
    const current = await tx.segment.findUnique({
      where: { id: input.segmentId },
      select: { currentRevision: { select: { id: true, text: true, origin: true } } },
    });
    // Throwing rolls the transaction back, so the refused revision is not kept.
    throw new ConflictError(
      "Someone else saved this sentence first.",
      "translationConflict",
      {},
      {
        current: current?.currentRevision
          ? {
              revisionId: current.currentRevision.id,
              text: current.currentRevision.text,
              origin: current.currentRevision.origin,
            }
          : null,
      },
    );
  }
  await indexTranslation(tx, input.segmentId, input.text);
  return revision;
}
