import { parseFeed, type AnyFeed, type AtomFeed } from "feedsmith";
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

/** Atom's text constructs are objects; RSS, RDF and JSON Feed give plain strings. */
type Text = string | AtomFeed.Text | undefined;
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
 * Reads an RSS 2.0 (or RDF), Atom or JSON Feed document with feedsmith, which
 * also parses JSON Feed text itself. Returns null when the text is no feed.
 */
export function readFeed(body: string, feedUrl: string): ParsedFeed | null {
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(body);
  } catch {
    return null;
  }
  const entries: FeedEntry[] = [];
  const add = (id: string | undefined, link: string | null, title: Text, date?: string) => {
    const key = (id ?? "").trim() || link;
    if (key) entries.push({ key, link, title: text(title), publishedAt: isoDate(date) });
  };
  const fallbackTitle = () => new URL(feedUrl).host;
  switch (parsed.format) {
    case "rss": {
      const { feed } = parsed;
      for (const item of feed.items ?? [])
        add(
          item.guid?.value,
          absolute(item.link, feedUrl),
          item.title,
          item.pubDate ?? item.dc?.dates?.[0],
        );
      return { title: text(feed.title) ?? fallbackTitle(), entries };
    }
    case "rdf": {
      // RDF items carry no id of their own: the link is the key.
      const { feed } = parsed;
      for (const item of feed.items ?? [])
        add(undefined, absolute(item.link, feedUrl), item.title, item.dc?.dates?.[0]);
      return { title: text(feed.title) ?? fallbackTitle(), entries };
    }
    case "atom": {
      const { feed } = parsed;
      for (const entry of feed.entries ?? []) {
        const link = entry.links?.find((l) => !l.rel || l.rel === "alternate") ?? entry.links?.[0];
        add(entry.id, absolute(link?.href, feedUrl), entry.title, entry.published ?? entry.updated);
      }
      return { title: text(feed.title) ?? fallbackTitle(), entries };
    }
    case "json": {
      const { feed } = parsed;
      for (const item of feed.items ?? [])
        add(item.id, absolute(item.url, feedUrl), item.title, item.date_published);
      return { title: text(feed.title) ?? fallbackTitle(), entries };
    }
  }
}
