import { tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { isReviewed } from "../revisions/corrections";
import type { Origin } from "../revisions/store";
import { parseFlags, type TranslationFlag } from "../translation/output-check";

export interface ArticleSummary {
  slug: string;
  title: string;
  source: string | null;
  publishedAt: string | null;
  /** The original page, for an article imported from the web. */
  url: string | null;
  author: string | null;
  segmentCount: number;
  translatedCount: number;
  reviewedCount: number;
  /** Unchecked machine translations flagged for review (degenerate or a term missing). */
  flaggedCount: number;
  /** Unchecked machine translations below the low-confidence mark. */
  lowConfidenceCount: number;
  /** The title's current translation, once it has one. */
  titleTranslation: string | null;
  /** The first sentence's current translation, once it has one. */
  preview: string | null;
}

export interface SegmentView {
  id: number;
  index: number;
  source: string;
  translation: {
    text: string;
    origin: Origin;
    revisionId: number;
    /** A glossary change made this machine translation out of date. */
    outdated: boolean;
    /** Corrected or accepted by a person. */
    reviewed: boolean;
    createdAt: string;
    /** 0-1 for machine translations; null for human and memory text. */
    confidence: number | null;
    /** Machine translations only: "degenerate", "termMissing". */
    flags: TranslationFlag[];
    /** The model that wrote a machine translation; null for human and memory text (or not known yet). */
    modelId: string | null;
  } | null;
}

export interface ArticleView {
  slug: string;
  title: string;
  source: string | null;
  publishedAt: string | null;
  url: string | null;
  author: string | null;
  /** The title as a segment (translated and corrected like a sentence); null for an article without one yet. */
  titleSegment: SegmentView | null;
  paragraphs: { index: number; segments: SegmentView[] }[];
}

function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** The article's title, or null when no article has this slug. */
export async function findArticleTitle(db: Db, slug: string): Promise<string | null> {
  const article = await db.article.findUnique({ where: { slug }, select: { title: true } });
  return article?.title ?? null;
}

export async function findArticleId(db: Db, slug: string): Promise<number> {
  const article = await db.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new NotFoundError(`No article with slug "${slug}".`);
  return article.id;
}

/**
 * An article with its sentences and their current translations, as the reader
 * and GET /api/articles/:slug show it. Cached until the article, one of its
 * sentences' revisions or outdated marks changes (tags published by the
 * writers, lib/cache/changes.ts). Shared between requests: never mutate it.
 */
export function getArticleView(db: Db, slug: string): Promise<ArticleView> {
  return cacheFor<ArticleView>("articleView", db).get(slug, async () => {
    const view = await loadArticleView(db, slug);
    return {
      value: view,
      tags: [
        tags.article(slug),
        ...(view.titleSegment ? [tags.segment(view.titleSegment.id)] : []),
        ...view.paragraphs.flatMap((p) => p.segments.map((s) => tags.segment(s.id))),
      ],
    };
  });
}

async function loadArticleView(db: Db, slug: string): Promise<ArticleView> {
  const article = await db.article.findUnique({
    where: { slug },
    include: {
      segments: {
        where: { removedAt: null },
        orderBy: { position: "asc" },
        include: {
          currentRevision: {
            select: {
              id: true,
              text: true,
              origin: true,
              event: true,
              createdAt: true,
              confidence: true,
              flags: true,
              modelId: true,
            },
          },
        },
      },
    },
  });
  if (!article) throw new NotFoundError(`No article with slug "${slug}".`);
  const paragraphs: ArticleView["paragraphs"] = [];
  let titleSegment: SegmentView | null = null;
  for (const segment of article.segments) {
    if (segment.kind === "title") {
      titleSegment = segmentView(segment);
      continue;
    }
    let paragraph = paragraphs[paragraphs.length - 1];
    if (!paragraph || paragraph.index !== segment.paragraphIndex) {
      paragraph = { index: segment.paragraphIndex, segments: [] };
      paragraphs.push(paragraph);
    }
    paragraph.segments.push(segmentView(segment));
  }
  return {
    slug: article.slug,
    title: article.title,
    source: article.source,
    publishedAt: isoDate(article.publishedAt),
    url: article.url,
    author: article.author,
    titleSegment,
    paragraphs,
  };
}

function segmentView(segment: {
  id: number;
  index: number;
  source: string;
  outdatedAt: Date | null;
  currentRevision: {
    id: number;
    text: string;
    origin: string;
    event: string;
    createdAt: Date;
    confidence: number | null;
    flags: string | null;
    modelId: string | null;
  } | null;
}): SegmentView {
  const revision = segment.currentRevision;
  return {
    id: segment.id,
    index: segment.index,
    source: segment.source,
    translation: revision
      ? {
          text: revision.text,
          origin: revision.origin as Origin,
          revisionId: revision.id,
          outdated: segment.outdatedAt !== null,
          reviewed: isReviewed(revision),
          createdAt: revision.createdAt.toISOString(),
          ...machineQuality(revision),
          modelId: revision.origin === "machine" ? revision.modelId : null,
        }
      : null,
  };
}

/**
 * Confidence and flags belong to the model's output: a review keeps them (the
 * sentence is then checked and no longer counted), human and memory text has none.
 */
export function machineQuality(revision: {
  origin: string;
  confidence: number | null;
  flags: string | null;
}): { confidence: number | null; flags: TranslationFlag[] } {
  if (revision.origin !== "machine") return { confidence: null, flags: [] };
  return { confidence: revision.confidence, flags: parseFlags(revision.flags) };
}
