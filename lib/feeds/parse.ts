import { parseFeed } from "feedsmith";
import { normalizeWhitespace } from "../content/segment";

export interface FeedEntry {
  /** The item's own id (guid, Atom id, JSON Feed id), else its link. */
  key: string;
  link: string | null;
  title: string | null;
  /** YYYY-MM-DD, or null. */
  publishedAt: string | null;
}

export interface ParsedFeed {
  title: string;
  entries: FeedEntry[];
}

type Text = string | { value?: string } | undefined | null;
const text = (value: Text): string | null => {
  const raw = typeof value === "string" ? value : value?.value;
  return raw ? normalizeWhitespace(raw) || null : null;
};

function isoDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

function absolute(href: string | undefined | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/**
 * Reads an RSS 2.0 (or RDF), Atom or JSON Feed document with feedsmith.
 * Returns null when the text is no feed.
 */
export function readFeed(body: string, feedUrl: string): ParsedFeed | null {
  let input: unknown = body;
  if (/^\s*[[{]/.test(body)) {
    try {
      input = JSON.parse(body);
    } catch {
      return null;
    }
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(input);
  } catch {
    return null;
  }
  const entries: FeedEntry[] = [];
  const add = (id: string | null | undefined, link: string | null, title: Text, date?: string) => {
    const key = (id ?? "").trim() || link;
    if (key) entries.push({ key, link, title: text(title), publishedAt: isoDate(date) });
  };
  switch (parsed.format) {
    case "rss":
    case "rdf": {
      const feed = parsed.feed as {
        title?: string;
        items?: {
          title?: string;
          link?: string;
          guid?: { value?: string } | string;
          pubDate?: string;
          dc?: { date?: string };
        }[];
      };
      for (const item of feed.items ?? []) {
        const guid = typeof item.guid === "string" ? item.guid : item.guid?.value;
        add(guid, absolute(item.link, feedUrl), item.title, item.pubDate ?? item.dc?.date);
      }
      return { title: text(feed.title) ?? new URL(feedUrl).host, entries };
    }
    case "atom": {
      const feed = parsed.feed as {
        title?: Text;
        entries?: {
          id?: string;
          title?: Text;
          links?: { href?: string; rel?: string }[];
          published?: string;
          updated?: string;
        }[];
      };
      for (const entry of feed.entries ?? []) {
        const link = entry.links?.find((l) => !l.rel || l.rel === "alternate") ?? entry.links?.[0];
        add(entry.id, absolute(link?.href, feedUrl), entry.title, entry.published ?? entry.updated);
      }
      return { title: text(feed.title) ?? new URL(feedUrl).host, entries };
    }
    case "json": {
      const feed = parsed.feed as {
        title?: string;
        items?: { id?: string; url?: string; title?: string; date_published?: string }[];
      };
      for (const item of feed.items ?? [])
        add(item.id, absolute(item.url, feedUrl), item.title, item.date_published);
      return { title: text(feed.title) ?? new URL(feedUrl).host, entries };
    }
    default:
      return null;
  }
}
