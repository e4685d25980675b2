import { changed, tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
import type { Db } from "../db/client";
import {
  buildEnglishMatcher,
  buildMatcher,
  sourcePatterns,
  targetPatterns,
  type GlossaryMatcher,
} from "./matcher";
import { entryInclude, toRecord, type GlossaryEntryRecord } from "./records";

/** Everything the app needs to find terms: loaded once, rebuilt after any glossary write. */
export interface LoadedGlossary {
  entries: GlossaryEntryRecord[];
  byId: Map<number, GlossaryEntryRecord>;
  source: GlossaryMatcher<number>;
  english: GlossaryMatcher<number>;
}

export interface EntryUsage {
  articles: Set<number>;
  occurrences: number;
}

/** Called after every glossary write: what was loaded goes, here and on the other app servers. */
export function invalidateGlossary(db: Db): void {
  changed(db, [tags.glossary]);
}

/** The whole glossary with its matchers, loaded once and kept until a glossary write. */
export function loadGlossary(db: Db): Promise<LoadedGlossary> {
  return cacheFor<LoadedGlossary>("glossary", db, 1).getTagged("all", [tags.glossary], async () => {
    const rows = await db.glossaryEntry.findMany({
      where: { deletedAt: null },
      include: entryInclude,
      orderBy: { id: "asc" },
    });
    const entries = rows.map(toRecord);
    return {
      entries,
      byId: new Map(entries.map((e) => [e.id, e])),
      source: buildMatcher(sourcePatterns(entries)),
      english: buildEnglishMatcher(targetPatterns(entries)),
    };
  });
}
