import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
import { loadGlossary, type EntryUsage } from "./cache";
import { activeSegments } from "./corpus";

/** How many articles and sentences use each entry; recomputed only when the library or glossary changed. */
export function usage(db: Db): Promise<Map<number, EntryUsage>> {
  return cacheFor<Map<number, EntryUsage>>("glossaryUsage", db, 1).getTagged(
    "all",
    [tags.library, tags.glossary],
    async () => {
      const glossary = await loadGlossary(db);
      const result = new Map<number, EntryUsage>();
      for (const segment of await activeSegments(db)) {
        for (const match of glossary.source.find(segment.source)) {
          let u = result.get(match.entryId);
          if (!u) result.set(match.entryId, (u = { articles: new Set(), occurrences: 0 }));
          u.articles.add(segment.articleId);
          u.occurrences++;
        }
      }
      return result;
    },
  );
}

export interface Occurrence {
  segmentId: number;
  articleSlug: string;
  articleTitle: string;
  source: string;
  /** Where the entry occurs in `source` (UTF-16 offsets). */
  spans: { start: number; end: number }[];
  translation: { text: string; origin: string } | null;
}

/** The concordance: every sentence in the library that uses the entry. */
export async function occurrences(db: Db, id: number): Promise<Occurrence[]> {
  const glossary = await loadGlossary(db);
  if (!glossary.byId.has(id)) throw new NotFoundError(`No glossary entry with id ${id}.`);
  const result: Occurrence[] = [];
  for (const s of await activeSegments(db)) {
    const spans = glossary.source
      .find(s.source)
      .filter((m) => m.entryId === id)
      .map(({ start, end }) => ({ start, end }));
    if (spans.length === 0) continue;
    result.push({
      segmentId: s.id,
      articleSlug: s.article.slug,
      articleTitle: s.article.title,
      source: s.source,
      spans,
      translation: s.currentRevision,
    });
  }
  return result;
}
