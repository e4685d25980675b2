import { changed, tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { SENTENCES } from "../articles/titles";

/**
 * Sentences (and titles) the model still has to translate: live ones without a translation,
 * and unchecked machine translations a glossary change made out of date.
 */
export const PENDING_SEGMENT: Prisma.SegmentWhereInput = {
  removedAt: null,
  OR: [
    { currentRevisionId: null },
    {
      outdatedAt: { not: null },
      currentRevision: { origin: "machine", NOT: { event: "review" } },
    },
  ],
};

export interface Progress {
  done: number;
  total: number;
}

/** Translated sentences of each article (by slug), for the library's live bars. */
export async function articleProgress(
  db: Db,
  slugs: readonly string[],
): Promise<Record<string, Progress>> {
  if (slugs.length === 0) return {};
  const articles = await db.article.findMany({
    where: { slug: { in: [...slugs] } },
    select: { id: true, slug: true },
  });
  const ids = articles.map((a) => a.id);
  const [totals, translated] = await Promise.all([
    db.segment.groupBy({
      by: ["articleId"],
      where: { articleId: { in: ids }, removedAt: null, ...SENTENCES },
      _count: { _all: true },
    }),
    db.segment.groupBy({
      by: ["articleId"],
      where: {
        articleId: { in: ids },
        removedAt: null,
        currentRevisionId: { not: null },
        ...SENTENCES,
      },
      _count: { _all: true },
    }),
  ]);
  const count = (rows: typeof totals, id: number) =>
    rows.find((r) => r.articleId === id)?._count._all ?? 0;
  return Object.fromEntries(
    articles.map((a) => [a.slug, { done: count(translated, a.id), total: count(totals, a.id) }]),
  );
}

/**
 * Translated sentences over the whole library: counted once, then kept until a
 * sentence is added, retired or translated (so the library page does not
 * count the whole library on every request).
 */
export function libraryProgress(db: Db): Promise<Progress> {
  return cacheFor<Progress>("libraryProgress", db, 1).get("all", async () => ({
    value: await countLibraryProgress(db),
    tags: [tags.library, tags.translations],
  }));
}

async function countLibraryProgress(db: Db): Promise<Progress> {
  const [total, done] = await Promise.all([
    db.segment.count({ where: { removedAt: null, ...SENTENCES } }),
    db.segment.count({
      where: { removedAt: null, currentRevisionId: { not: null }, ...SENTENCES },
    }),
  ]);
  return { done, total };
}

/** What is left to translate: articles with pending sentences, and those sentences (titles aside). */
export async function pendingWork(db: Db): Promise<{ articles: number; sentences: number }> {
  const rows = await db.segment.groupBy({
    by: ["articleId"],
    where: { ...PENDING_SEGMENT, ...SENTENCES },
    _count: { _all: true },
  });
  return { articles: rows.length, sentences: rows.reduce((n, r) => n + r._count._all, 0) };
}

/** Translation order: newest first, since the latest news is what readers open next. */
const NEWEST_FIRST: Prisma.ArticleOrderByWithRelationInput[] = [
  { publishedAt: { sort: "desc", nulls: "last" } },
  { createdAt: "desc" },
  { id: "desc" },
];

/** The newest article that still has sentences to translate, leaving out `skip`. */
export async function nextPendingArticle(
  db: Db,
  skip: ReadonlySet<number>,
): Promise<number | null> {
  const article = await db.article.findFirst({
    where: { id: { notIn: [...skip] }, segments: { some: PENDING_SEGMENT } },
    orderBy: NEWEST_FIRST,
    select: { id: true },
  });
  return article?.id ?? null;
}

/** Every article that still has sentences to translate, newest first. */
export async function pendingArticleIds(db: Db): Promise<number[]> {
  const articles = await db.article.findMany({
    where: { segments: { some: PENDING_SEGMENT } },
    orderBy: NEWEST_FIRST,
    select: { id: true },
  });
  return articles.map((a) => a.id);
}

/** Marks an article's unchecked machine translations out of date, so that workers translate them again. */
export async function markForRetranslation(db: Db, articleId: number): Promise<number> {
  const { count } = await db.segment.updateMany({
    where: {
      articleId,
      removedAt: null,
      currentRevision: { origin: "machine", NOT: { event: "review" } },
    },
    data: { outdatedAt: new Date() },
  });
  if (count > 0) {
    // The reader shows the marks: the article's cached view and pages go.
    const article = await db.article.findUnique({
      where: { id: articleId },
      select: { slug: true },
    });
    if (article) changed(db, [tags.article(article.slug), tags.translations]);
  }
  return count;
}
