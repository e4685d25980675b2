import { saveArticle } from "@/lib/articles/store";
import type { Db } from "@/lib/db/client";
import { appendRevision } from "@/lib/revisions/store";

/** Adds an article through the form's path; returns its segments in reading order. */
export async function addArticle(db: Db, slug: string, paragraphs: string[][]) {
  await saveArticle(
    db,
    { slug, title: slug, source: null, publishedAt: null, language: "id", paragraphs },
    "form",
  );
  return db.segment.findMany({
    where: { article: { slug }, kind: "sentence" },
    orderBy: { position: "asc" },
    include: { currentRevision: true },
  });
}

/** Stores a machine translation of a segment, as the translation queue would. */
export function addMachineTranslation(db: Db, segmentId: number, text: string) {
  return db.$transaction((tx) =>
    appendRevision(tx, {
      segmentId,
      baseRevisionId: null,
      origin: "machine",
      event: "translate",
      text,
      modelId: "m",
    }),
  );
}
