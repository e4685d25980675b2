/**
 * An EPUB book (a zip of XHTML chapters, read with JSZip; its package files
 * with lib/xml, its chapters with linkedom): the book's title, author and
 * language, and each chapter of the reading order with its title (from the
 * table of contents) and its headings and paragraphs, footnote markers and
 * footnotes left out.
 */
import JSZip from "jszip";
import { parseHTML } from "linkedom";
import posix from "node:path/posix";
import { normalizeWhitespace } from "../content/segment";
import { ValidationError } from "../errors";
import { childElements, parseXml, textContent, type XmlElement } from "../xml/read";

export interface EpubChapter {
  /** 1-based place in the list of chapters with text. */
  index: number;
  title: string;
  /** Headings and paragraphs, in order. */
  paragraphs: string[];
}

export interface EpubBook {
  title: string;
  author: string | null;
  language: string | null;
  chapters: EpubChapter[];
}

/** Encryption that only obfuscates embedded fonts; any other encrypted file is DRM. */
const FONT_OBFUSCATION = new Set([
  "http://www.idpf.org/2008/embedding",
  "http://ns.adobe.com/pdf/enc#RC",
]);

/** Footnote markers and the notes themselves: not part of the running text. */
const NOTES = [
  '[epub\\:type~="noteref"]',
  '[role="doc-noteref"]',
  '[epub\\:type~="footnote"]',
  '[epub\\:type~="endnote"]',
  '[epub\\:type~="footnotes"]',
  '[epub\\:type~="endnotes"]',
  '[epub\\:type~="rearnote"]',
  '[role="doc-footnote"]',
  '[role="doc-endnote"]',
  '[role="doc-endnotes"]',
  "sup",
  "script",
  "style",
].join(", ");

const BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, dt, dd, pre";

function unreadable(name: string, detail: string): ValidationError {
  return new ValidationError(
    `${name} cannot be read as an EPUB book (${detail}).`,
    "importFileInvalid",
    {
      detail,
    },
  );
}

/** Local names: "dc:title" and "opf:item" are read as "title" and "item". */
const local = (name: string) => name.slice(name.indexOf(":") + 1);

function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of childElements(el)) {
    if (local(child.name) === name) out.push(child);
    out.push(...descendants(child, name));
  }
  return out;
}

function firstText(el: XmlElement, name: string): string | null {
  const found = descendants(el, name)[0];
  const text = found ? normalizeWhitespace(textContent(found)) : "";
  return text === "" ? null : text;
}

async function readText(zip: JSZip, path: string): Promise<string | null> {
  const file = zip.file(path) ?? zip.file(decodeURI(path));
  return file ? file.async("string") : null;
}

function xml(text: string, where: string, name: string): XmlElement {
  try {
    return parseXml(text);
  } catch (error) {
    throw unreadable(name, `${where}: ${(error as Error).message}`);
  }
}

/** Whether the book's content is encrypted (Adobe ADEPT, Readium LCP, other DRM). */
async function isProtected(zip: JSZip, name: string): Promise<boolean> {
  if (zip.file("META-INF/rights.xml") || zip.file("META-INF/license.lcpl")) return true;
  const encryption = await readText(zip, "META-INF/encryption.xml");
  if (!encryption) return false;
  const methods = descendants(xml(encryption, "META-INF/encryption.xml", name), "EncryptionMethod");
  return methods.some((m) => !FONT_OBFUSCATION.has(m.attrs.Algorithm ?? ""));
}

/** Chapter titles by the chapter file's path, from the EPUB 3 navigation document or the EPUB 2 NCX. */
async function tableOfContents(
  zip: JSZip,
  items: Map<string, { href: string; type: string; properties: string }>,
  toc: string | undefined,
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const add = (base: string, href: string, title: string) => {
    const path = posix.join(posix.dirname(base), decodeURI(href.split("#")[0] ?? ""));
    if (title && !titles.has(path)) titles.set(path, title);
  };
  const nav = [...items.values()].find((i) => i.properties.split(/\s+/).includes("nav"));
  if (nav) {
    const html = await readText(zip, nav.href);
    if (html) {
      const { document } = parseHTML(html);
      const list =
        document.querySelector('nav[epub\\:type~="toc"]') ?? document.querySelector("nav");
      for (const a of list?.querySelectorAll("a[href]") ?? [])
        add(nav.href, a.getAttribute("href") ?? "", normalizeWhitespace(a.textContent ?? ""));
    }
  }
  const ncx =
    (toc && items.get(toc)) ||
    [...items.values()].find((i) => i.type === "application/x-dtbncx+xml");
  if (ncx) {
    const text = await readText(zip, ncx.href);
    if (text) {
      try {
        for (const point of descendants(parseXml(text), "navPoint")) {
          const label = childElements(point).find((c) => local(c.name) === "navLabel");
          const content = childElements(point).find((c) => local(c.name) === "content");
          if (label && content)
            add(ncx.href, content.attrs.src ?? "", normalizeWhitespace(textContent(label)));
        }
      } catch {
        // A broken NCX only costs the titles; headings stand in.
      }
    }
  }
  return titles;
}

/** A chapter's headings and paragraphs, without notes; its first heading. */
function chapterText(html: string): { heading: string | null; paragraphs: string[] } {
  const { document } = parseHTML(html);
  const body = document.querySelector("body") ?? document.documentElement;
  for (const note of [...body.querySelectorAll(NOTES)]) {
    // A superscript is a note marker only when it is a reference (a link or a number).
    if (
      note.tagName.toLowerCase() === "sup" &&
      !/^[\s\d*†‡§¶,]*$/.test(note.textContent ?? "") &&
      !note.querySelector("a")
    )
      continue;
    note.remove();
  }
  const paragraphs: string[] = [];
  let heading: string | null = null;
  for (const block of body.querySelectorAll(BLOCKS)) {
    // The innermost blocks carry the text: a list item holding paragraphs gives them.
    if (block.querySelector(BLOCKS)) continue;
    const text = normalizeWhitespace(block.textContent ?? "");
    if (text === "") continue;
    if (heading === null && /^h[1-6]$/i.test(block.tagName)) heading = text;
    paragraphs.push(text);
  }
  return { heading, paragraphs };
}

/** Reads an EPUB file; a broken or DRM-protected book is a 422 that names the problem. */
export async function readEpub(bytes: Buffer, name: string): Promise<EpubBook> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw unreadable(name, `not a zip archive: ${(error as Error).message}`);
  }
  const container = await readText(zip, "META-INF/container.xml");
  if (!container) throw unreadable(name, "META-INF/container.xml is missing");
  if (await isProtected(zip, name))
    throw new ValidationError(
      `${name} is protected by DRM (its chapters are encrypted), so its text cannot be read.`,
      "importEpubProtected",
    );
  const rootfile = descendants(xml(container, "META-INF/container.xml", name), "rootfile")[0];
  const opfPath = rootfile?.attrs["full-path"];
  const opfText = opfPath ? await readText(zip, opfPath) : null;
  if (!opfPath || !opfText) throw unreadable(name, "the package document is missing");
  const opf = xml(opfText, opfPath, name);
  const metadata = descendants(opf, "metadata")[0];
  const items = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of descendants(opf, "item"))
    if (item.attrs.id && item.attrs.href)
      items.set(item.attrs.id, {
        href: posix.join(posix.dirname(opfPath), decodeURI(item.attrs.href)),
        type: item.attrs["media-type"] ?? "",
        properties: item.attrs.properties ?? "",
      });
  const spine = descendants(opf, "spine")[0];
  const titles = await tableOfContents(zip, items, spine?.attrs.toc);

  const chapters: EpubChapter[] = [];
  for (const ref of spine ? descendants(spine, "itemref") : []) {
    const item = items.get(ref.attrs.idref ?? "");
    if (!item || ref.attrs.linear === "no" || !/html|xml/.test(item.type)) continue;
    const html = await readText(zip, item.href);
    if (html === null) throw unreadable(name, `the chapter ${item.href} is missing`);
    const { heading, paragraphs } = chapterText(html);
    if (paragraphs.length === 0) continue; // a cover or an image page
    const index = chapters.length + 1;
    chapters.push({ index, title: titles.get(item.href) ?? heading ?? `${index}`, paragraphs });
  }
  if (chapters.length === 0) throw unreadable(name, "it has no chapter with text");
  return {
    title: (metadata && firstText(metadata, "title")) ?? name.replace(/\.epub$/i, ""),
    author: metadata ? firstText(metadata, "creator") : null,
    language: metadata ? firstText(metadata, "language") : null,
    chapters,
  };
}
