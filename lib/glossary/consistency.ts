import type { Db } from "../db/client";
import { loadGlossary } from "./cache";
import { activeSegments } from "./corpus";
import { missingRenderings, termsIn } from "./renderings";

export interface InconsistentSentence {
  segmentId: number;
  articleSlug: string;
  articleTitle: string;
  source: string;
  translation: string;
  origin: string;
  missing: { entryId: number; term: string; translation: string }[];
}

/** Sentences whose current translation lacks the rendering of a glossary term they contain. */
export async function consistencyReport(
  db: Db,
  articleSlug?: string,
): Promise<InconsistentSentence[]> {
  const glossary = await loadGlossary(db);
  const result: InconsistentSentence[] = [];
  for (const s of await activeSegments(db)) {
    if (!s.currentRevision || (articleSlug && s.article.slug !== articleSlug)) continue;
    const missing = missingRenderings(
      glossary,
      termsIn(glossary, s.source),
      s.currentRevision.text,
    ).map((u) => glossary.byId.get(u.entryId)!);
    if (missing.length === 0) continue;
    result.push({
      segmentId: s.id,
      articleSlug: s.article.slug,
      articleTitle: s.article.title,
      source: s.source,
      translation: s.currentRevision.text,
      origin: s.currentRevision.origin,
      missing: missing.map((e) => ({ entryId: e.id, term: e.term, translation: e.translation })),
    });
  }
  return result;
}
