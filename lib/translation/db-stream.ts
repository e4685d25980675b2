import type { Db } from "../db/client";
import { parseFlags } from "./output-check";
import { PENDING_SEGMENT } from "./progress";
import type { TranslationEvent } from "./queue";

const POLL_MS = 500;
/** How long nothing may change before the reader is told that no worker is translating. */
const STALL_MS = 120_000;

/**
 * An article's translation events read from the database, for an app server
 * that does not translate itself (team mode: workers do, anywhere). The same
 * events as the in-process queue's stream: progress, each sentence as it is
 * stored, done.
 */
export function streamFromDatabase(db: Db, articleId: number): AsyncGenerator<TranslationEvent> {
  return follow(db, articleId);
}

async function* follow(db: Db, articleId: number): AsyncGenerator<TranslationEvent> {
  const seen = new Map<number, number | null>();
  let first = true;
  let lastChange = Date.now();
  for (;;) {
    const segments = await db.segment.findMany({
      where: { articleId, removedAt: null },
      select: {
        id: true,
        kind: true,
        currentRevision: {
          select: { id: true, text: true, origin: true, confidence: true, flags: true },
        },
      },
    });
    // The title is followed like a sentence; done and total count sentences.
    const sentences = segments.filter((s) => s.kind === "sentence");
    const total = sentences.length;
    const done = sentences.filter((s) => s.currentRevision !== null).length;
    if (first) yield { type: "progress", done, total };
    for (const s of segments) {
      const revision = s.currentRevision;
      const before = seen.get(s.id);
      seen.set(s.id, revision?.id ?? null);
      if (first || !revision || before === revision.id) continue;
      lastChange = Date.now();
      yield {
        type: "segment",
        segmentId: s.id,
        text: revision.text,
        origin: revision.origin,
        revisionId: revision.id,
        confidence: revision.confidence,
        flags: parseFlags(revision.flags),
        done,
        total,
      };
    }
    first = false;
    const pending = await db.segment.count({ where: { articleId, ...PENDING_SEGMENT } });
    if (pending === 0) {
      yield { type: "done", done, total };
      return;
    }
    if (Date.now() - lastChange > STALL_MS) {
      const detail = "no translation worker has stored a sentence for two minutes";
      yield {
        type: "error",
        error: `Translation stopped: ${detail}.`,
        code: "translationStopped",
        params: { detail },
      };
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
