import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { normalizeWhitespace } from "../content/segment";

/** What a news page holds beside its text. */
export interface ExtractedArticle {
  title: string;
  /** The outlet (og:site_name), or null. */
  source: string | null;
  author: string | null;
  /** YYYY-MM-DD from article:published_time (or a like meta), or null. */
  publishedAt: string | null;
  /** The page's canonical address (rel=canonical, og:url), else the address it was fetched from. */
  url: string | null;
  /** Paragraphs of plain text, blank-line separated: the body for toDraft. */
  body: string;
}

/**
 * Page parts that are never the article: menus, share bars, "Baca juga" boxes,
 * related and popular lists, ads, tags, comments, cookie banners, footers.
 * Removed before Readability so that a box inside the article body goes too.
 */
const BOILERPLATE_SELECTORS = [
  "script",
  "style",
  "noscript",
  "iframe",
  "form",
  "nav",
  "header",
  "footer",
  "aside",
  "figure figcaption + *[class*='credit']",
  "[role='navigation']",
  "[role='banner']",
  "[role='contentinfo']",
  "[role='complementary']",
  "[aria-label*='breadcrumb' i]",
  ...[
    "breadcrumb",
    "share",
    "social",
    "related",
    "terkait",
    "popular",
    "populer",
    "terpopuler",
    "baca-juga",
    "bacajuga",
    "read-also",
    "readalso",
    "recommend",
    "rekomendasi",
    "advert",
    "ads",
    "iklan",
    "banner",
    "comment",
    "komentar",
    "cookie",
    "consent",
    "newsletter",
    "tags",
    "tag-list",
    "copyright",
    "footer",
  ].flatMap((word) => [
    `[class~='${word}']`,
    `[class*='${word}-']`,
    `[class*='-${word}']`,
    `[id*='${word}']`,
  ]),
].join(",");

function meta(document: Document, ...names: string[]): string | null {
  for (const name of names) {
    const element = document.querySelector(
      `meta[property='${name}'], meta[name='${name}'], meta[itemprop='${name}']`,
    );
    const content = element?.getAttribute("content")?.trim();
    if (content) return normalizeWhitespace(content);
  }
  return null;
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const direct = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (direct) return direct[1]!;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

function absolute(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base ?? undefined);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The blocks of Readability's article as text paragraphs. */
function paragraphsOf(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = document.querySelectorAll("p, h2, h3, h4, h5, h6, li, blockquote, pre");
  const out: string[] = [];
  for (const block of blocks) {
    // A block inside another block is read with its parent.
    if (block.parentElement?.closest("p, li, blockquote, pre")) continue;
    const text = normalizeWhitespace(block.textContent ?? "");
    if (text) out.push(text);
  }
  return out;
}

/**
 * Extracts a news article from a page with Mozilla's Readability on linkedom:
 * its paragraphs, title, outlet, author, date and canonical address. Returns
 * null when the page holds no article.
 */
export function extractArticle(html: string, pageUrl: string | null): ExtractedArticle | null {
  const { document } = parseHTML(html);
  const source = meta(document, "og:site_name", "application-name");
  const author = meta(document, "author", "article:author", "dc.creator", "parsely-author");
  const publishedAt = isoDate(
    meta(document, "article:published_time", "datePublished", "pubdate", "publishdate", "dc.date"),
  );
  const canonical =
    absolute(document.querySelector("link[rel='canonical']")?.getAttribute("href"), pageUrl) ??
    absolute(meta(document, "og:url"), pageUrl) ??
    pageUrl;
  const metaTitle = meta(document, "og:title");
  for (const element of document.querySelectorAll(BOILERPLATE_SELECTORS)) element.remove();
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  if (!article?.content) return null;
  const paragraphs = paragraphsOf(article.content);
  if (paragraphs.length === 0) return null;
  const title = normalizeWhitespace(metaTitle ?? article.title ?? "");
  return {
    title,
    source,
    author: author ?? (article.byline ? normalizeWhitespace(article.byline) : null),
    publishedAt,
    url: canonical,
    body: paragraphs.join("\n\n"),
  };
}
