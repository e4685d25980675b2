import { changed, tags } from "../cache/changes";
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

// On globalThis: Next.js bundles pages and route handlers separately, and a
// write through the API must reach the cache the pages read.
const caches = ((
  globalThis as unknown as { dwibahasaGlossary?: GlossaryCaches }
).dwibahasaGlossary ??= {
  loaded: new WeakMap(),
  usage: new WeakMap(),
});
export interface EntryUsage {
  articles: Set<number>;
  occurrences: number;
}

interface GlossaryCaches {
  loaded: WeakMap<Db, Promise<LoadedGlossary>>;
  usage: WeakMap<Db, { key: string; usage: Map<number, EntryUsage> }>;
}
const loaded = caches.loaded;
/** Usage statistics per client, kept with the key of the library state they were computed on. */
export const usageCache = caches.usage;

/** Drops what was loaded; the next read rebuilds it. Called after every glossary write. */
export function invalidateGlossary(db: Db): void {
  loaded.delete(db);
  usageCache.delete(db);
  changed(db, [tags.glossary]);
}

export function loadGlossary(db: Db): Promise<LoadedGlossary> {
  let promise = loaded.get(db);
  if (!promise) {
    promise = (async () => {
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
    })();
    promise.catch(() => loaded.delete(db));
    loaded.set(db, promise);
  }
  return promise;
}
