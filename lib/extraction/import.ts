import { createHash } from "node:crypto";
import mammoth from "mammoth";
import { parseHTML } from "linkedom";
import { createArticle, type CreatedArticle } from "../articles/create";
import { newArticleInputSchema, safeParseArticleFile } from "../content/article-file";
import { toDraft } from "../content/import";
import { normalizeWhitespace } from "../content/segment";
import type { Db } from "../db/client";
import { ConflictError, parseInput, ValidationError } from "../errors";
import { decodeBody } from "../web/charset";
import { fetchDocument } from "../web/fetch";
import { readEpub, type EpubBook } from "./epub";
import { extractArticle, type ExtractedArticle } from "./extract";
import { readPdf } from "./pdf";

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
  fileHash?: string,
): Promise<CreatedArticle> {
  const input = parseInput(newArticleInputSchema, {
    title: article.title || fallback.title || "",
    text: article.body,
    source: article.source ?? fallback.source ?? undefined,
    publishedAt: article.publishedAt ?? fallback.publishedAt ?? undefined,
  });
  return createArticle(db, input, {
    origin: "web",
    url: article.url,
    author: article.author,
    fileHash,
  });
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

export const IMPORT_FILE_TYPES = [
  ".html",
  ".htm",
  ".md",
  ".txt",
  ".docx",
  ".epub",
  ".pdf",
] as const;

/** What identifies an uploaded file: the same bytes are the same file, whatever its name. */
function fileDigest(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The article already made from a file (or one chapter of it), if any. */
function madeFrom(db: Db, key: string) {
  return db.article.findFirst({
    where: { fileHash: key },
    select: { slug: true, title: true },
    orderBy: { id: "asc" },
  });
}

function alreadyAdded(name: string, article: { slug: string; title: string }): ConflictError {
  return new ConflictError(
    `${name} was added before, as “${article.title}” (/articles/${article.slug}).`,
    "importFileDuplicate",
    { title: article.title },
    { slug: article.slug },
  );
}

/** An article added from a file, with its title (an EPUB gives several). */
export interface AddedArticle extends CreatedArticle {
  title: string;
}

export interface FileImport {
  added: AddedArticle[];
  /** EPUB chapters asked for that were added before (from the same file). */
  existing: { slug: string; title: string }[];
}

/** The chapters of an EPUB, to pick from before adding (nothing is stored). */
export interface EpubPreview {
  title: string;
  author: string | null;
  language: string | null;
  chapters: { index: number; title: string; paragraphs: number; existing: string | null }[];
}

async function chapterKeys(db: Db, digest: string, book: EpubBook) {
  return Promise.all(
    book.chapters.map(async (c) => ({
      chapter: c,
      key: `${digest}#${c.index}`,
      existing: await madeFrom(db, `${digest}#${c.index}`),
    })),
  );
}

export async function previewEpub(db: Db, name: string, bytes: Buffer): Promise<EpubPreview> {
  const book = await readEpub(bytes, name);
  const keyed = await chapterKeys(db, fileDigest(bytes), book);
  return {
    title: book.title,
    author: book.author,
    language: book.language,
    chapters: keyed.map(({ chapter, existing }) => ({
      index: chapter.index,
      title: chapter.title,
      paragraphs: chapter.paragraphs.length,
      existing: existing?.slug ?? null,
    })),
  };
}

/**
 * An EPUB's chapters as articles (those listed in `chapters`, 1-based, else
 * all): the chapter's title, the book's title as the source, its author and
 * language. Chapters added before from the same file are not added again;
 * when every one asked for was, the upload is refused with a link to the first.
 */
async function importEpub(
  db: Db,
  name: string,
  bytes: Buffer,
  chapters?: number[],
): Promise<FileImport> {
  const book = await readEpub(bytes, name);
  const wanted = chapters ?? book.chapters.map((c) => c.index);
  if (wanted.some((n) => n < 1 || n > book.chapters.length))
    throw new ValidationError(
      `Chapters are numbered 1 to ${book.chapters.length}.`,
      "importChaptersInvalid",
      { maximum: book.chapters.length },
    );
  const keyed = (await chapterKeys(db, fileDigest(bytes), book)).filter((k) =>
    wanted.includes(k.chapter.index),
  );
  const existing = keyed.flatMap((k) => (k.existing ? [k.existing] : []));
  const fresh = keyed.filter((k) => !k.existing);
  if (fresh.length === 0) throw alreadyAdded(name, existing[0]!);
  // Every chapter is checked before any is stored: a bad one adds nothing.
  const inputs = fresh.map(({ chapter, key }) => {
    // The title is not repeated as the first paragraph, unless it is all the chapter has (a part's title page).
    const rest = chapter.paragraphs[0] === chapter.title ? chapter.paragraphs.slice(1) : [];
    const body = rest.length > 0 ? rest : chapter.paragraphs;
    const input = parseInput(newArticleInputSchema, {
      title: chapter.title.slice(0, 300),
      text: body.join("\n\n"),
      source: book.title.slice(0, 200),
    });
    // Cleaning and segmentation, as storing will do them: a chapter left with no sentence stops the whole book.
    toDraft(
      { slug: "-", title: input.title, source: null, publishedAt: null, language: "id" },
      input.text,
    );
    return { key, input };
  });
  const added: AddedArticle[] = [];
  for (const { key, input } of inputs) {
    const created = await createArticle(db, input, {
      author: book.author,
      fileHash: key,
      ...(book.language ? { language: book.language.toLowerCase().slice(0, 35) } : {}),
    });
    added.push({ ...created, title: input.title });
  }
  return { added, existing };
}

/** Stores an uploaded article file: a saved web page, Markdown with front matter, plain text, Word, an EPUB book or a PDF. */
export async function importFromFile(
  db: Db,
  name: string,
  bytes: Buffer,
  options: { chapters?: number[] } = {},
): Promise<FileImport> {
  const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? "";
  if (extension === ".epub") return importEpub(db, name, bytes, options.chapters);
  if (!(IMPORT_FILE_TYPES as readonly string[]).includes(extension))
    throw new ValidationError(
      `${name}: only ${IMPORT_FILE_TYPES.join(", ")} files can be imported.`,
      "importFileType",
      { types: IMPORT_FILE_TYPES.join(", ") },
    );
  const digest = fileDigest(bytes);
  const before = await madeFrom(db, digest);
  if (before) throw alreadyAdded(name, before);
  const { title, created } = await importSingle(db, name, extension, bytes, digest);
  return { added: [{ ...created, title }], existing: [] };
}

async function importSingle(
  db: Db,
  name: string,
  extension: string,
  bytes: Buffer,
  fileHash: string,
): Promise<{ title: string; created: CreatedArticle }> {
  switch (extension) {
    case ".html":
    case ".htm": {
      const article = extractArticle(decodeBody(bytes, null).text, null);
      if (!article) throw noArticle(name);
      return {
        title: article.title,
        created: await store(db, { ...article, url: article.url }, {}, fileHash),
      };
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
      const input = parseInput(newArticleInputSchema, {
        title: article.title,
        text: article.body,
        source: article.source ?? undefined,
        publishedAt: article.publishedAt ?? undefined,
      });
      return { title: input.title, created: await createArticle(db, input, { fileHash }) };
    }
    case ".txt": {
      const { title, body } = plainText(decodeBody(bytes, null).text);
      const input = parseInput(newArticleInputSchema, { title, text: body });
      return { title: input.title, created: await createArticle(db, input, { fileHash }) };
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
      const input = parseInput(newArticleInputSchema, { title, text: body });
      return { title: input.title, created: await createArticle(db, input, { fileHash }) };
    }
    default: {
      // .pdf: the document's title, else its first paragraph.
      const pdf = await readPdf(bytes, name);
      const [first = "", ...rest] = pdf.paragraphs;
      const title = pdf.title ?? first;
      const input = parseInput(newArticleInputSchema, {
        title: title.slice(0, 300),
        text: (pdf.title ? pdf.paragraphs : rest).join("\n\n"),
      });
      return {
        title: input.title,
        created: await createArticle(db, input, { author: pdf.author, fileHash }),
      };
    }
  }
}
