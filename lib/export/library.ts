import type { Db } from "../db/client";
import { getArticleView } from "../articles/queries";
import { authorSelect, toRevisionRecord } from "../revisions/history";
import { articleToHtml, articleToMarkdown } from "./bilingual";
import { toTmx } from "./tmx";
import type { BilingualLayout } from "./types";

export type ArticleExportFormat = "md" | "html" | "json";

/** One article as a bilingual document with its current (saved) translations. */
export async function exportArticle(
  db: Db,
  slug: string,
  format: ArticleExportFormat,
  layout: BilingualLayout,
) {
  const article = await getArticleView(db, slug);
  if (format === "md")
    return {
      body: articleToMarkdown(article, layout),
      type: "text/markdown; charset=utf-8",
      ext: "md",
    };
  if (format === "html")
    return { body: articleToHtml(article, layout), type: "text/html; charset=utf-8", ext: "html" };
  return {
    body: JSON.stringify(article, null, 2),
    type: "application/json; charset=utf-8",
    ext: "json",
  };
}

const byPerson = { OR: [{ origin: "human" as const }, { event: "review" as const }] };

/**
 * TMX 1.4 of every segment whose current translation a person wrote or accepted.
 * creationid and changeid name the people (accounts mode) who first and last
 * worked on the translation.
 */
export async function exportTmx(db: Db, version: string): Promise<string> {
  const segments = await db.segment.findMany({
    where: { removedAt: null, currentRevision: byPerson },
    orderBy: [{ articleId: "asc" }, { position: "asc" }],
    select: {
      id: true,
      source: true,
      article: { select: { slug: true } },
      currentRevision: { select: { text: true, origin: true, createdAt: true, ...authorSelect } },
      revisions: {
        where: byPerson,
        orderBy: { id: "asc" },
        take: 1,
        select: { createdAt: true, ...authorSelect },
      },
    },
  });
  return toTmx(
    segments.flatMap((s) =>
      s.currentRevision
        ? [
            {
              source: s.source,
              target: s.currentRevision.text,
              segmentId: s.id,
              articleSlug: s.article.slug,
              origin: s.currentRevision.origin,
              changedAt: s.currentRevision.createdAt.toISOString(),
              changedBy: s.currentRevision.author?.name,
              createdAt: (s.revisions[0] ?? s.currentRevision).createdAt.toISOString(),
              createdBy: s.revisions[0]?.author?.name,
            },
          ]
        : [],
    ),
    { creationTool: "Dwibahasa", creationToolVersion: version },
  );
}

/** The whole library with every revision: a complete backup of what readers wrote. */
export async function exportLibraryJson(db: Db) {
  const articles = await db.article.findMany({
    orderBy: { id: "asc" },
    include: {
      segments: {
        orderBy: { position: "asc" },
        include: { revisions: { orderBy: { id: "asc" }, include: authorSelect } },
      },
    },
  });
  return {
    format: "dwibahasa-library",
    version: 1,
    exportedAt: new Date().toISOString(),
    articles: articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      source: a.source,
      publishedAt: a.publishedAt?.toISOString().slice(0, 10) ?? null,
      segments: a.segments.map((s) => ({
        id: s.id,
        kind: s.kind,
        paragraphIndex: s.paragraphIndex,
        index: s.index,
        source: s.source,
        removed: s.removedAt !== null,
        currentRevisionId: s.currentRevisionId,
        revisions: s.revisions.map(toRevisionRecord),
      })),
    })),
  };
}
