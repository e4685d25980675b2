import type { Db } from "../db/client";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type ErrorCode,
  type ErrorParams,
  isErrorCode,
} from "../errors";
import { importFromUrl } from "../extraction/import";
import { numberSetting } from "../settings";
import { translateInBackground } from "../translation/service";
import { fetchDocument, FetchError, parseWebUrl } from "../web/fetch";
import { readFeed, type ParsedFeed } from "./parse";

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

/** Minutes between two fetches of a feed (FEED_INTERVAL_MINUTES, default 30). */
export function feedIntervalMinutes(): number {
  return numberSetting("FEED_INTERVAL_MINUTES", 30, { fractions: true });
}

/** After failures in a row the wait doubles each time, up to a day. */
export function nextFetchAfter(failures: number, now = new Date()): Date {
  const minutes = Math.min(feedIntervalMinutes() * 2 ** Math.min(failures, 10), 24 * 60);
  return new Date(now.getTime() + minutes * 60_000);
}

export interface FeedSummary {
  id: number;
  url: string;
  title: string;
  lastFetchedAt: string | null;
  lastError: string | null;
  /** The message (apiErrors.*) that says in the reader's language what went wrong and what to do. */
  lastErrorCode: ErrorCode | null;
  lastErrorParams: ErrorParams | null;
  nextFetchAt: string;
  articleCount: number;
}

/** A failure as the interface shows it: English text, and the message code with its parameters. */
export interface FailureNote {
  error: string;
  code: ErrorCode;
  params: ErrorParams;
}

export function noteOf(error: ValidationError): FailureNote {
  return { error: error.message, code: error.code, params: error.params };
}

/** The columns that record a feed's failure (all null after a good fetch). */
function failureColumns(note: FailureNote | null) {
  return {
    lastError: note?.error ?? null,
    lastErrorCode: note?.code ?? null,
    lastErrorParams: note ? JSON.stringify(note.params) : null,
  };
}

function storedParams(json: string | null): ErrorParams | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as ErrorParams;
  } catch {
    return {};
  }
}

async function fetchFeed(
  url: string,
  validators: { etag?: string | null; lastModified?: string | null } = {},
) {
  const document = await fetchDocument(url, { accept: FEED_ACCEPT, ...validators });
  if (document.notModified) return { document, feed: null };
  const feed = readFeed(document.text, document.url);
  if (!feed)
    throw new ValidationError(`${url} is not an RSS, Atom or JSON feed.`, "feedUnreadable", {
      url,
    });
  return { document, feed };
}

/** Subscribes to a feed after reading it once: 422 when it cannot be read, 409 when already subscribed. */
export async function subscribe(
  db: Db,
  rawUrl: string,
): Promise<{ id: number; title: string; url: string }> {
  const url = parseWebUrl(rawUrl).href;
  const existing = await db.feed.findUnique({ where: { url } });
  if (existing)
    throw new ConflictError(`Already subscribed to ${url}.`, "feedExists", {
      title: existing.title,
    });
  const { feed } = await fetchFeed(url);
  const title = (feed as ParsedFeed).title;
  try {
    // The validators are not kept: the first refresh must read every item.
    const created = await db.feed.create({ data: { url, title, nextFetchAt: new Date() } });
    return { id: created.id, title: created.title, url: created.url };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw new ConflictError(`Already subscribed to ${url}.`, "feedExists", { title });
    throw error;
  }
}

export async function listFeeds(db: Db): Promise<FeedSummary[]> {
  const feeds = await db.feed.findMany({ orderBy: { title: "asc" } });
  const counts = await db.feedItem.groupBy({
    by: ["feedId"],
    where: { articleId: { not: null } },
    _count: { _all: true },
  });
  const byFeed = new Map(counts.map((c) => [c.feedId, c._count._all]));
  return feeds.map((f) => ({
    id: f.id,
    url: f.url,
    title: f.title,
    lastFetchedAt: f.lastFetchedAt?.toISOString() ?? null,
    lastError: f.lastError,
    lastErrorCode: isErrorCode(f.lastErrorCode) ? f.lastErrorCode : null,
    lastErrorParams: isErrorCode(f.lastErrorCode) ? storedParams(f.lastErrorParams) : null,
    nextFetchAt: f.nextFetchAt.toISOString(),
    articleCount: byFeed.get(f.id) ?? 0,
  }));
}

/** The list with the moment it was read, so a page shows "5 minutes ago" the same in the browser. */
export async function feedListing(db: Db): Promise<{ feeds: FeedSummary[]; at: number }> {
  const feeds = await listFeeds(db);
  return { feeds, at: Date.now() };
}

/** Unsubscribes; the articles the feed brought stay in the library. */
export async function removeFeed(db: Db, id: number): Promise<void> {
  const { count } = await db.feed.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`No feed with id ${id}.`);
}

export interface RefreshReport {
  added: number;
  skipped: number;
  failed: ({ url: string } & FailureNote)[];
  /** The feed's own failure (also recorded on the feed), or null. */
  error: string | null;
  /** Its message code and parameters, or null. */
  code: ErrorCode | null;
  params: ErrorParams | null;
}

const running = new Map<number, Promise<RefreshReport>>();

/**
 * Fetches a feed (conditionally) and imports its new items as articles, each
 * translated in the background. An item that fails is reported and tried again
 * at the next fetch; a feed that fails records its error and waits longer
 * before the next try. A second refresh of the same feed joins the running one.
 */
export function refreshFeed(db: Db, id: number): Promise<RefreshReport> {
  const current = running.get(id);
  if (current) return current;
  const job = doRefresh(db, id).finally(() => running.delete(id));
  running.set(id, job);
  return job;
}

async function doRefresh(db: Db, id: number): Promise<RefreshReport> {
  const record = await db.feed.findUnique({ where: { id } });
  if (!record) throw new NotFoundError(`No feed with id ${id}.`);
  const report: RefreshReport = {
    added: 0,
    skipped: 0,
    failed: [],
    error: null,
    code: null,
    params: null,
  };
  let fetched: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    fetched = await fetchFeed(record.url, { etag: record.etag, lastModified: record.lastModified });
  } catch (error) {
    if (!(error instanceof FetchError) && !(error instanceof ValidationError)) throw error;
    const failures = record.failures + 1;
    const note = noteOf(error);
    await db.feed.update({
      where: { id },
      data: {
        lastFetchedAt: new Date(),
        ...failureColumns(note),
        failures,
        nextFetchAt: nextFetchAfter(failures),
      },
    });
    return { ...report, ...note };
  }
  const { document, feed } = fetched;
  if (feed) {
    const seen = new Set(
      (await db.feedItem.findMany({ where: { feedId: id }, select: { key: true } })).map(
        (i) => i.key,
      ),
    );
    for (const entry of feed.entries) {
      if (seen.has(entry.key) || !entry.link) {
        report.skipped++;
        continue;
      }
      seen.add(entry.key);
      try {
        const article = await importFromUrl(db, entry.link, {
          title: entry.title,
          source: feed.title,
          publishedAt: entry.publishedAt,
        });
        await db.feedItem.upsert({
          where: { feedId_key: { feedId: id, key: entry.key } },
          create: { feedId: id, key: entry.key, articleId: article.id },
          update: { articleId: article.id },
        });
        if (article.duplicate) report.skipped++;
        else {
          report.added++;
          translateInBackground(article.id);
        }
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        report.failed.push({ url: entry.link, ...noteOf(error) });
      }
    }
  }
  await db.feed.update({
    where: { id },
    data: {
      ...(feed ? { title: feed.title } : {}),
      etag: document.etag,
      lastModified: document.lastModified,
      lastFetchedAt: new Date(),
      ...failureColumns(itemsFailed(report.failed)),
      failures: 0,
      nextFetchAt: nextFetchAfter(0),
    },
  });
  return report;
}

/** What a feed records when some of its items could not be imported (they are tried again next time). */
function itemsFailed(failed: RefreshReport["failed"]): FailureNote | null {
  const first = failed[0];
  if (!first) return null;
  return {
    error: `${failed.length} item(s) could not be imported: ${first.error}`,
    code: "feedItemsFailed",
    params: { count: failed.length, url: first.url },
  };
}

/** Refreshes every feed that is due; one after another, so the machine stays responsive. */
export async function refreshDueFeeds(db: Db, now = new Date()): Promise<number> {
  const due = await db.feed.findMany({
    where: { nextFetchAt: { lte: now } },
    select: { id: true },
  });
  for (const { id } of due) await refreshFeed(db, id).catch((error) => console.error(error));
  return due.length;
}
