/**
 * OPML 2.0, the list of feeds every feed reader imports and exports: written
 * with lib/xml's builder, read with its parser (no DOCTYPE entities expanded).
 */
import pMap from "p-map";
import type { Db } from "../db/client";
import { ConflictError, ValidationError } from "../errors";
import { FetchError, parseWebUrl } from "../web/fetch";
import { childElements, parseXml, XmlParseError, type XmlElement } from "../xml/read";
import { buildXml, type XmlNode } from "../xml/write";
import { noteOf, subscribe, type FailureNote } from "./feeds";

/** More outlines than any reader's list; a larger file is refused before anything is fetched. */
export const MAX_OPML_FEEDS = 500;

/** Feeds read at once while importing a list (each is fetched once to check it). */
const IMPORT_CONCURRENCY = 4;

export interface OpmlFeed {
  url: string;
  title: string | null;
}

/** An OPML 2.0 document listing the feeds (`type="rss"` outlines, as readers write them). */
export function writeOpml(feeds: { url: string; title: string }[], now = new Date()): string {
  const outline = (feed: { url: string; title: string }): XmlNode => ({
    name: "outline",
    attrs: { type: "rss", text: feed.title, title: feed.title, xmlUrl: feed.url },
  });
  return buildXml({
    name: "opml",
    attrs: { version: "2.0" },
    children: [
      {
        name: "head",
        children: [
          { name: "title", text: "Dwibahasa feeds" },
          { name: "dateCreated", text: now.toUTCString() },
        ],
      },
      { name: "body", children: feeds.map(outline) },
    ],
  });
}

function opmlInvalid(detail: string, line?: number): ValidationError {
  return new ValidationError(`The OPML file cannot be imported: ${detail}`, "opmlInvalid", {
    detail,
    line: line ?? "",
  });
}

/**
 * The feeds an OPML document lists, in order, each once: every outline with an
 * `xmlUrl`, at any depth (readers nest feeds in folders). Throws a 422
 * (`opmlInvalid`) for a document that is not OPML, before anything changes.
 */
export function readOpml(text: string): OpmlFeed[] {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlParseError) throw opmlInvalid(error.reason, error.line);
    throw error;
  }
  if (root.name !== "opml")
    throw opmlInvalid(`the document is <${root.name}>, not <opml>`, root.line);
  const body = childElements(root, "body")[0];
  if (!body) throw opmlInvalid("it has no <body> element", root.line);

  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const walk = (element: XmlElement) => {
    for (const outline of childElements(element, "outline")) {
      // Readers write xmlUrl; a few old ones wrote it in lower case.
      const url = (outline.attrs.xmlUrl ?? outline.attrs.xmlurl ?? "").trim();
      if (url !== "" && !seen.has(url)) {
        seen.add(url);
        const title = (outline.attrs.title ?? outline.attrs.text ?? "").trim();
        feeds.push({ url, title: title || null });
        if (feeds.length > MAX_OPML_FEEDS)
          throw new ValidationError(
            `The OPML file lists more than ${MAX_OPML_FEEDS} feeds.`,
            "opmlTooMany",
            { maximum: MAX_OPML_FEEDS },
          );
      }
      walk(outline);
    }
  };
  walk(body);
  return feeds;
}

export interface OpmlImportReport {
  /** The feeds now followed. */
  added: { id: number; title: string; url: string }[];
  /** Feeds already followed. */
  skipped: number;
  /** Feeds that could not be read (nothing was subscribed for them). */
  failed: ({ url: string } & FailureNote)[];
}

/**
 * Subscribes to every feed of an OPML document that is not followed yet. The
 * whole document is read first: a bad one changes nothing. Each new feed is
 * read once, as when it is added by hand; one that cannot be read is reported
 * and not subscribed.
 */
export async function importOpml(db: Db, text: string): Promise<OpmlImportReport> {
  const listed = readOpml(text);
  const followed = new Set((await db.feed.findMany({ select: { url: true } })).map((f) => f.url));
  const report: OpmlImportReport = { added: [], skipped: 0, failed: [] };
  const todo: string[] = [];
  for (const { url } of listed) {
    let normalized: string;
    try {
      normalized = parseWebUrl(url).href;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      report.failed.push({ url, ...noteOf(error) });
      continue;
    }
    if (followed.has(normalized)) report.skipped++;
    else {
      followed.add(normalized);
      todo.push(normalized);
    }
  }

  const results = await pMap(
    todo,
    async (
      url,
    ): Promise<
      | { added: OpmlImportReport["added"][number] }
      | { failed: OpmlImportReport["failed"][number] }
      | null
    > => {
      try {
        return { added: await subscribe(db, url) };
      } catch (error) {
        if (error instanceof ConflictError) return null; // added meanwhile
        if (error instanceof ValidationError) return { failed: { url, ...noteOf(error) } };
        throw error;
      }
    },
    { concurrency: IMPORT_CONCURRENCY },
  );
  for (const result of results) {
    if (result === null) report.skipped++;
    else if ("added" in result) report.added.push(result.added);
    else report.failed.push(result.failed);
  }
  return report;
}
