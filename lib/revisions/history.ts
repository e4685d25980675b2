import type { Author } from "../auth/session";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { wordDiff, type WordDiffPart } from "../memory/fuzzy";

export interface RevisionRecord {
  revisionId: number;
  origin: string;
  event: string;
  text: string;
  modelId: string | null;
  baseRevisionId: number | null;
  createdAt: string;
  /** The signed-in user who wrote or checked it; null for the machine, imports and single-user mode. */
  author: Author | null;
}

/** What to read of a revision's author (a Prisma `select`). */
export const authorSelect = { author: { select: { id: true, name: true } } } as const;

/** A revision as the API and the exports show it. */
export function toRevisionRecord(
  r: Omit<RevisionRecord, "revisionId" | "createdAt"> & { id: number; createdAt: Date },
): RevisionRecord {
  return {
    revisionId: r.id,
    origin: r.origin,
    event: r.event,
    text: r.text,
    modelId: r.modelId,
    baseRevisionId: r.baseRevisionId,
    createdAt: r.createdAt.toISOString(),
    author: r.author ? { id: r.author.id, name: r.author.name } : null,
  };
}

export interface HistoryEntry extends RevisionRecord {
  current: boolean;
  /** Machine revisions: the model's revision (hub commit or a fingerprint of its files). */
  modelRevision: string | null;
  /** Machine revisions: how the model decoded ("greedy", "beam 2", "beam 2, terms"). */
  decoding: string | null;
  /** Word-level changes from the revision before this one (null for the first). */
  diff: WordDiffPart[] | null;
}

/** Every revision of a segment, oldest first, each with its diff to the one before. */
export async function getHistory(db: Db, segmentId: number): Promise<HistoryEntry[]> {
  const segment = await db.segment.findUnique({
    where: { id: segmentId },
    select: {
      currentRevisionId: true,
      revisions: { orderBy: { id: "asc" }, include: authorSelect },
    },
  });
  if (!segment) throw new NotFoundError(`No segment with id ${segmentId}.`);
  return segment.revisions.map((r, i) => {
    const previous = segment.revisions[i - 1];
    return {
      ...toRevisionRecord(r),
      current: r.id === segment.currentRevisionId,
      modelRevision: r.modelRevision,
      decoding: r.decoding,
      diff: previous ? wordDiff(previous.text, r.text) : null,
    };
  });
}
