import { tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
import type { Db } from "../db/client";
import { words } from "../text/words";
import { wordKey } from "./records";

const PAGE = 5_000;

/**
 * How often each form occurs in the library's live sentences, by word key.
 * Counted once and kept until the library changes (a new or edited article).
 */
export function libraryWordCounts(db: Db): Promise<ReadonlyMap<string, number>> {
  return cacheFor<ReadonlyMap<string, number>>("word-counts", db, 1).getTagged(
    "all",
    [tags.library],
    async () => {
      const counts = new Map<string, number>();
      let after = 0;
      for (;;) {
        const rows = await db.segment.findMany({
          where: { removedAt: null, id: { gt: after } },
          select: { id: true, source: true },
          orderBy: { id: "asc" },
          take: PAGE,
        });
        for (const row of rows)
          for (const w of words(row.source)) {
            const key = wordKey(w.text);
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
      return counts;
    },
  );
}
