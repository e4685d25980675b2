import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { bestMatches, type WordDiffPart } from "./fuzzy";

export interface MemorySuggestion {
  percent: number;
  /** The similar sentence that was corrected, and its human translation. */
  source: string;
  translation: string;
  /** Where it comes from: a revision in this library, or an imported memory unit (TMX). */
  revisionId: number | null;
  memoryUnitId: number | null;
  /** From that sentence to this one. */
  diff: WordDiffPart[];
}

/**
 * Human translations of sentences that are similar (75% or more) but not the
 * same as this segment's, offered as suggestions in the editor: corrections in
 * this library first, then imported memory units (TMX) for other sentences.
 */
export async function suggestFromMemory(db: Db, segmentId: number): Promise<MemorySuggestion[]> {
  const segment = await db.segment.findUnique({
    where: { id: segmentId },
    select: { source: true, sourceKey: true },
  });
  if (!segment) throw new NotFoundError(`No segment with id ${segmentId}.`);
  const corrected = await db.segment.findMany({
    where: { sourceKey: { not: segment.sourceKey }, currentRevision: { origin: "human" } },
    select: {
      source: true,
      sourceKey: true,
      currentRevision: { select: { id: true, text: true } },
    },
    orderBy: { currentRevisionId: "desc" },
  });
  const seen = new Set<string>();
  const candidates = [];
  for (const c of corrected) {
    if (!c.currentRevision || seen.has(c.sourceKey)) continue;
    seen.add(c.sourceKey);
    candidates.push({
      key: c.source,
      payload: {
        source: c.source,
        translation: c.currentRevision.text,
        revisionId: c.currentRevision.id as number | null,
        memoryUnitId: null as number | null,
      },
    });
  }
  const units = await db.memoryUnit.findMany({
    where: { sourceKey: { not: segment.sourceKey } },
    select: { id: true, source: true, sourceKey: true, target: true },
    orderBy: [{ changedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
  });
  for (const u of units) {
    if (seen.has(u.sourceKey)) continue;
    seen.add(u.sourceKey);
    candidates.push({
      key: u.source,
      payload: { source: u.source, translation: u.target, revisionId: null, memoryUnitId: u.id },
    });
  }
  return bestMatches(segment.source, candidates).map((m) => ({
    percent: m.percent,
    diff: m.diff,
    ...m.payload,
  }));
}
