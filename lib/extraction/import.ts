import mammoth from "mammoth";
import { parseHTML } from "linkedom";
import { createArticle, type CreatedArticle } from "../articles/create";
import { newArticleInput, safeParseArticleFile } from "../content/article-file";
import { normalizeWhitespace } from "../content/segment";
import type { Db } from "../db/client";
import { parseInput, ValidationError } from "../errors";
import { decodeBody } from "../web/charset";
import { fetchDocument } from "../web/fetch";
import { extractArticle, type ExtractedArticle } from "./extract";

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

function noArticle(where: string): ValidationError {
  return new ValidationError(`No article text was found in ${where}.`, "extractNoArticle", {
    where,
  });
}

/** Stores an extracted article through the same validation, cleaning and segmentation as a pasted one. */
async function store(
  db: Db,
  article: ExtractedArticle,
  fallback: { title?: string | null; source?: string | null; publishedAt?: string | null } = {},
): Promise<CreatedArticle> {
  const input = parseInput(newArticleInput, {
    title: article.title || fallback.title || "",
    text: article.body,
    source: article.source ?? fallback.source ?? undefined,
    publishedAt: article.publishedAt ?? fallback.publishedAt ?? undefined,
  });
  return createArticle(db, input, { origin: "web", url: article.url, author: article.author });
}

/** Fetches a news page and stores its article (or finds the one already stored). */
export async function importFromUrl(
  db: Db,
  url: string,
  fallback: { title?: string | null; source?: string | null; publishedAt?: string | null } = {},
): Promise<CreatedArticle> {
  const page = await fetchDocument(url, {
    accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
  });
  if (page.contentType && !HTML_TYPES.test(page.contentType))
    throw new ValidationError(
      `${page.url} is not a web page (${page.contentType}).`,
      "extractNotHtml",
      { type: page.contentType.split(";")[0]!.trim() },
    );
  const article = extractArticle(page.text, page.url);
  if (!article) throw noArticle(page.url);
  return store(db, article, fallback);
}

/** The paragraphs of an HTML fragment (a converted Word document): the first heading is the title. */
function documentOf(html: string): { title: string; body: string } {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, p, li")]
    .map((block) => ({
      tag: block.tagName.toLowerCase(),
      text: normalizeWhitespace(block.textContent ?? ""),
    }))
    .filter((block) => block.text !== "");
  const first = blocks[0];
  if (!first) return { title: "", body: "" };
  return {
    title: first.text,
    body: blocks
      .slice(1)
      .map((b) => b.text)
      .join("\n\n"),
  };
}

/** A plain text file: the first line is the title, the rest the body. */
function plainText(text: string): { title: string; body: string } {
  const [title = "", ...rest] = text
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n")
    .trim()
    .split("\n");
  return { title: normalizeWhitespace(title), body: rest.join("\n").trim() };
}

export const IMPORT_FILE_TYPES = [".html", ".htm", ".md", ".txt", ".docx"] as const;

/** Stores an uploaded article file: a saved web page, Markdown with front matter, plain text or Word. */
export async function importFromFile(db: Db, name: string, bytes: Buffer): Promise<CreatedArticle> {
  const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? "";
  switch (extension) {
    case ".html":
    case ".htm": {
      const article = extractArticle(decodeBody(bytes, null).text, null);
      if (!article) throw noArticle(name);
      return store(db, { ...article, url: article.url });
    }
    case ".md": {
      const parsed = safeParseArticleFile(
        decodeBody(bytes, "text/markdown; charset=utf-8").text,
        name,
      );
      if (!parsed.ok)
        throw new ValidationError(parsed.error.message, "importFileInvalid", {
          detail: parsed.error.problems.join(" "),
        });
      const { article } = parsed;
      const input = parseInput(newArticleInput, {
        title: article.title,
        text: article.body,
        source: article.source ?? undefined,
        publishedAt: article.publishedAt ?? undefined,
      });
      return createArticle(db, input);
    }
    case ".txt": {
      const { title, body } = plainText(decodeBody(bytes, null).text);
      return createArticle(db, parseInput(newArticleInput, { title, text: body }));
    }
    case ".docx": {
      let html: string;
      try {
        html = (await mammoth.convertToHtml({ buffer: bytes })).value;
      } catch (error) {
        throw new ValidationError(
          `${name} cannot be read as a Word document (${(error as Error).message}).`,
          "importFileInvalid",
          { detail: "not a Word document" },
        );
      }
      const { title, body } = documentOf(html);
      return createArticle(db, parseInput(newArticleInput, { title, text: body }));
    }
    default:
      throw new ValidationError(
        `${name}: only ${IMPORT_FILE_TYPES.join(", ")} files can be imported.`,
        "importFileType",
        { types: IMPORT_FILE_TYPES.join(", ") },
      );
  }
}
