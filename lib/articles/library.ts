import { z } from "zod";
import { tags } from "../cache/changes";
import { cacheFor } from "../cache/per-db";
import { providerOfDb, type Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { LOW_CONFIDENCE } from "../translation/decode";
import type { ArticleSummary } from "./queries";
import { englishOf, type English } from "./titles";

/**
 * Articles per library page: a screen or two of cards. The page's weight grows
 * with its cards (about 0.8 KB each); at 50 the page of a large library was
 * twice the size of a five-article one (npm run bench:http).
 */
export const LIBRARY_PAGE_SIZE = 20;

export const TRANSLATION_STATES = ["untranslated", "partial", "translated"] as const;
export const REVIEW_STATES = ["unchecked", "partial", "checked"] as const;
export type ProgressState = (typeof TRANSLATION_STATES)[number] | (typeof REVIEW_STATES)[number];

/** Query of the library page: what is shown, and which page of it. */
export const libraryQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  source: z.string().max(200).optional(),
  translation: z.enum(TRANSLATION_STATES).optional().catch(undefined),
  review: z.enum(REVIEW_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});
export type LibraryQuery = z.output<typeof libraryQuerySchema>;

export interface LibraryPage {
  articles: ArticleSummary[];
  /** Articles that match the query, over all pages. */
  total: number;
  /** 1-based, clamped to the last page. */
  page: number;
  pageCount: number;
  pageSize: number;
  /** Every source in the library, for the filter. */
  sources: string[];
}

function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

interface CountRow {
  articleId: number;
  segments: number | bigint;
  translated: number | bigint;
  reviewed: number | bigint | null;
  flagged: number | bigint | null;
  lowConfidence: number | bigint | null;
}

// One pass over the sentences of the given articles (or of all), through the
// (articleId, position) index and the current revision's primary key.
// "Unchecked" machine text is what a person has neither accepted nor replaced.
function countsSql(articleIds: number[] | null): Prisma.Sql {
  const where =
    articleIds === null
      ? Prisma.empty
      : Prisma.sql`AND s."articleId" IN (${Prisma.join(articleIds)})`;
  return Prisma.sql`
    SELECT s."articleId" AS "articleId",
      COUNT(*) AS "segments",
      COUNT(s."currentRevisionId") AS "translated",
      SUM(CASE WHEN r."origin" = 'human' OR r."event" = 'review' THEN 1 ELSE 0 END) AS "reviewed",
      SUM(CASE WHEN r."origin" = 'machine' AND r."event" <> 'review' AND r."flags" IS NOT NULL
        THEN 1 ELSE 0 END) AS "flagged",
      SUM(CASE WHEN r."origin" = 'machine' AND r."event" <> 'review' AND r."confidence" < ${LOW_CONFIDENCE}
        THEN 1 ELSE 0 END) AS "lowConfidence"
    FROM "Segment" s
    LEFT JOIN "Revision" r ON r."id" = s."currentRevisionId"
    WHERE s."removedAt" IS NULL AND s."kind" = 'sentence' ${where}
    GROUP BY s."articleId"`;
}

type Counts = Pick<
  ArticleSummary,
  "segmentCount" | "translatedCount" | "reviewedCount" | "flaggedCount" | "lowConfidenceCount"
>;

async function countsOf(db: Db, articleIds: number[] | null): Promise<Map<number, Counts>> {
  if (articleIds !== null && articleIds.length === 0) return new Map();
  const rows = await db.$queryRaw<CountRow[]>(countsSql(articleIds));
  return new Map(
    rows.map((r) => [
      Number(r.articleId),
      {
        segmentCount: Number(r.segments),
        translatedCount: Number(r.translated),
        reviewedCount: Number(r.reviewed ?? 0),
        flaggedCount: Number(r.flagged ?? 0),
        lowConfidenceCount: Number(r.lowConfidence ?? 0),
      },
    ]),
  );
}

const NO_COUNTS: Counts = {
  segmentCount: 0,
  translatedCount: 0,
  reviewedCount: 0,
  flaggedCount: 0,
  lowConfidenceCount: 0,
};

/** The SQL condition on (done, total) counts for a progress state. */
function stateCondition(done: Prisma.Sql, state: ProgressState): Prisma.Sql {
  const total = Prisma.sql`COUNT(s."id")`;
  if (state === "untranslated" || state === "unchecked") return Prisma.sql`${done} = 0`;
  if (state === "partial") return Prisma.sql`${done} > 0 AND ${done} < ${total}`;
  return Prisma.sql`${total} > 0 AND ${done} = ${total}`;
}

/**
 * The SQL condition for a translation and review state: a subquery over the
 * library's sentences (never a list of ids, which would pass the databases'
 * parameter limits on a large library).
 */
function stateFilter(
  translation: ProgressState | undefined,
  review: ProgressState | undefined,
): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (translation)
    conditions.push(stateCondition(Prisma.sql`COUNT(s."currentRevisionId")`, translation));
  if (review)
    conditions.push(
      stateCondition(
        Prisma.sql`SUM(CASE WHEN r."origin" = 'human' OR r."event" = 'review' THEN 1 ELSE 0 END)`,
        review,
      ),
    );
  if (conditions.length === 0) return Prisma.empty;
  // The left joins give an article without sentences one row of nulls: its
  // COUNT(s."id") is 0 and its SUM 0, so every condition is defined.
  return Prisma.sql`AND a."id" IN (
    SELECT a2."id"
    FROM "Article" a2
    LEFT JOIN "Segment" s ON s."articleId" = a2."id" AND s."removedAt" IS NULL AND s."kind" = 'sentence'
    LEFT JOIN "Revision" r ON r."id" = s."currentRevisionId"
    GROUP BY a2."id"
    HAVING ${Prisma.join(conditions, " AND ")})`;
}

/** `%text%` for LIKE, with LIKE's own wildcards taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Every source in the library, for the filter: kept until an article is added or changed. */
function librarySources(db: Db): Promise<string[]> {
  return cacheFor<string[]>("librarySources", db, 1).get("all", async () => {
    // GROUP BY in SQL (over the source index); findMany's distinct would read every row.
    const rows = await db.article.groupBy({
      by: ["source"],
      where: { source: { not: null } },
      orderBy: { source: "asc" },
    });
    return {
      value: rows.flatMap((s) => (s.source === null ? [] : [s.source])),
      tags: [tags.library],
    };
  });
}

/**
 * One page of the library, newest first, with the counts of its articles
 * only; kept until an article or a translation changes.
 */
export function libraryPage(db: Db, query: LibraryQuery = {}): Promise<LibraryPage> {
  return cacheFor<LibraryPage>("libraryPage", db, 200).getTagged(
    JSON.stringify(query),
    [tags.library, tags.translations],
    () => readLibraryPage(db, query),
  );
}

async function readLibraryPage(db: Db, query: LibraryQuery): Promise<LibraryPage> {
  // LIKE ignores ASCII case on SQLite; PostgreSQL needs ILIKE for the same.
  const like = providerOfDb(db) === "postgresql" ? Prisma.sql`ILIKE` : Prisma.sql`LIKE`;
  const pattern = query.q ? likePattern(query.q) : "";
  const where = Prisma.sql`WHERE 1 = 1
    ${query.source ? Prisma.sql`AND a."source" = ${query.source}` : Prisma.empty}
    ${
      query.q
        ? Prisma.sql`AND (a."title" ${like} ${pattern} ESCAPE '\\' OR a."source" ${like} ${pattern} ESCAPE '\\')`
        : Prisma.empty
    }
    ${stateFilter(query.translation, query.review)}`;
  const [[counted], sources] = await Promise.all([
    db.$queryRaw<{ total: number | bigint; dated: number | bigint }[]>`
      SELECT COUNT(*) AS "total", COUNT(a."publishedAt") AS "dated" FROM "Article" a ${where}`,
    librarySources(db),
  ]);
  const total = Number(counted?.total ?? 0);
  const dated = Number(counted?.dated ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  // Newest first, undated articles last on every database. Two queries, each
  // in the order of the (publishedAt DESC, title, id) index, so a page reads
  // its own rows instead of sorting the library; each reads the fields a card
  // shows at once (a second findMany by id costs more than the rows it reads).
  const offset = (page - 1) * LIBRARY_PAGE_SIZE;
  const rows: SummaryRow[] = [];
  if (offset < dated)
    rows.push(
      ...(await db.$queryRaw<SummaryRow[]>`
        SELECT ${SUMMARY_COLUMNS} FROM "Article" a ${where} AND a."publishedAt" IS NOT NULL
        ORDER BY a."publishedAt" DESC, a."title" ASC, a."id" ASC
        LIMIT ${Math.min(LIBRARY_PAGE_SIZE, dated - offset)} OFFSET ${offset}`),
    );
  if (offset + LIBRARY_PAGE_SIZE > dated)
    rows.push(
      ...(await db.$queryRaw<SummaryRow[]>`
        SELECT ${SUMMARY_COLUMNS} FROM "Article" a ${where} AND a."publishedAt" IS NULL
        ORDER BY a."title" ASC, a."id" ASC
        LIMIT ${LIBRARY_PAGE_SIZE - rows.length} OFFSET ${Math.max(0, offset - dated)}`),
    );
  const [counts, english] = await Promise.all([
    countsOf(
      db,
      rows.map((r) => Number(r.id)),
    ),
    englishOf(
      db,
      rows.map((r) => r.slug),
    ),
  ]);
  return {
    articles: rows.map((a) => summary(a, counts.get(Number(a.id)), english.get(a.slug))),
    total,
    page,
    pageCount,
    pageSize: LIBRARY_PAGE_SIZE,
    sources,
  };
}

/** The article fields a library row shows, as read by libraryPage's SQL. */
const SUMMARY_COLUMNS = Prisma.sql`a."id" AS "id", a."slug" AS "slug", a."title" AS "title",
  a."source" AS "source", a."publishedAt" AS "publishedAt", a."url" AS "url", a."author" AS "author"`;

interface SummaryRow {
  id: number | bigint;
  slug: string;
  title: string;
  source: string | null;
  /** A Date from both databases' drivers (a DATETIME or timestamp column). */
  publishedAt: Date | null;
  url: string | null;
  author: string | null;
}

/** The article fields a library row shows. */
const SUMMARY_FIELDS = {
  id: true,
  slug: true,
  title: true,
  source: true,
  publishedAt: true,
  url: true,
  author: true,
} as const;

function summary(
  a: Omit<SummaryRow, "id">,
  counts: Counts | undefined,
  english: English | undefined,
): ArticleSummary {
  return {
    slug: a.slug,
    title: a.title,
    source: a.source,
    publishedAt: isoDate(a.publishedAt),
    url: a.url,
    author: a.author,
    ...(counts ?? NO_COUNTS),
    titleTranslation: english?.titleTranslation ?? null,
    preview: english?.preview ?? null,
  };
}

/** Every article, newest first, with its counts (GET /api/articles). */
export async function listArticles(db: Db): Promise<ArticleSummary[]> {
  const [articles, counts, english] = await Promise.all([
    db.article.findMany({
      orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
      select: SUMMARY_FIELDS,
    }),
    countsOf(db, null),
    englishOf(db, null),
  ]);
  return articles.map((a) => summary(a, counts.get(a.id), english.get(a.slug)));
}
