/**
 * Article files (content/*.md) and the "add article" input.
 *
 * An article file is Markdown with a small front matter block:
 *
 *   ---
 *   title: "Judul berita"
 *   source: "Kontan"
 *   publishedAt: 2023-09-22
 *   language: id
 *   slug: optional-slug
 *   ---
 *
 *   First paragraph.
 *
 *   Second paragraph.
 *
 * The front matter is YAML (lib/content/front-matter.ts); its fields are
 * validated here.
 */
import { z } from "zod";
import { normalizeWhitespace } from "./segment";
import { countSuspiciousChars } from "../text/control";
import { readFrontMatter, writeFrontMatter } from "./front-matter";
import { foldForSearch } from "../text/fold";

export const MAX_ARTICLE_CHARS = 200_000;
export const MAX_TITLE_CHARS = 300;
export const MAX_SOURCE_CHARS = 200;
const MAX_SLUG_CHARS = 80;

// ---------------------------------------------------------------------------
// Shared rules

/**
 * Text that is really a binary file read as UTF-8: any NUL, or control
 * characters (other than tab and line breaks) or U+FFFD replacement characters
 * that are more than a stray one or two.
 */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const suspicious = countSuspiciousChars(text);
  return suspicious >= 10 || (suspicious > 0 && suspicious / text.length > 0.01);
}

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** Treats "" and whitespace-only strings as "not given", as an empty form field is. */
const blankToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const titleSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "A title is required." : "The title must be text.",
  })
  .transform((value) => normalizeWhitespace(value))
  .pipe(
    z
      .string()
      .min(1, "A title is required.")
      .max(MAX_TITLE_CHARS, `The title is longer than ${MAX_TITLE_CHARS} characters.`),
  );

const sourceSchema = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "The source must be text." })
    .transform((value) => normalizeWhitespace(value))
    .pipe(
      z.string().max(MAX_SOURCE_CHARS, `The source is longer than ${MAX_SOURCE_CHARS} characters.`),
    )
    .optional(),
);

const publishedAtSchema = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "The publication date must be text in the form YYYY-MM-DD." })
    .trim()
    .refine(isIsoDate, {
      error: (issue) =>
        `The publication date must be a real date in the form YYYY-MM-DD (got "${String(issue.input)}").`,
      params: { code: "dateInvalid" },
    })
    .optional(),
);

/** Article text: not empty, not binary, not over the size limit. Keeps the text as given. */
function articleTextSchema(what: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? `The ${what} is required.` : `The ${what} must be text.`,
    })
    .superRefine((value, ctx) => {
      if (looksBinary(value)) {
        ctx.addIssue({
          code: "custom",
          message: `The ${what} looks like binary data, not text.`,
          params: { code: "textBinary" },
        });
      } else if (value.trim().length > MAX_ARTICLE_CHARS) {
        // Surrounding whitespace (a file's blank line after the front matter) does not count.
        ctx.addIssue({
          code: "custom",
          message: `The ${what} is too long: ${value.trim().length.toLocaleString("en-US")} characters, the limit is ${MAX_ARTICLE_CHARS.toLocaleString("en-US")}.`,
          params: { code: "textTooLong", length: value.trim().length, maximum: MAX_ARTICLE_CHARS },
        });
      } else if (value.trim() === "") {
        ctx.addIssue({
          code: "custom",
          message: `The ${what} is empty.`,
          params: { code: "textEmpty" },
        });
      }
    });
}

// ---------------------------------------------------------------------------
// The "add article" form / API

/** Input of the "add article" form and POST /api/articles. */
export const newArticleInputSchema = z.object({
  title: titleSchema,
  text: articleTextSchema("article text"),
  source: sourceSchema,
  publishedAt: publishedAtSchema,
});

export type NewArticleInput = z.infer<typeof newArticleInputSchema>;

/**
 * A URL slug for a title: ASCII, lower case, words joined by hyphens, at most
 * 80 characters (cut at a word boundary). Returns "" when nothing is left,
 * e.g. for a title made only of punctuation.
 */
export function slugify(title: string): string {
  const slug = foldForSearch(title) // accents: "é" -> "e"
    .replace(/&/g, " dan ")
    .replace(/['’]/g, "") // "Jum'at" -> "jumat", not "jum-at"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG_CHARS) return slug;
  const cut = slug.slice(0, MAX_SLUG_CHARS + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, MAX_SLUG_CHARS)).replace(
    /-+$/,
    "",
  );
}

// ---------------------------------------------------------------------------
// Article files

export interface ParsedArticle {
  slug: string;
  title: string;
  source: string | null;
  /** YYYY-MM-DD, or null when the file gives no date. */
  publishedAt: string | null;
  language: string;
  /** Markdown body: paragraphs separated by blank lines, line breaks normalized to "\n". */
  body: string;
}

/** A file that cannot be imported; the message names the file and every problem found. */
export class ArticleFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName}: ${problems.join(" ")}`);
    this.name = "ArticleFileError";
  }
}

const FRONT_MATTER_KEYS = ["title", "source", "publishedAt", "language", "slug"] as const;

const frontMatterSchema = z.object({
  title: titleSchema,
  source: sourceSchema,
  publishedAt: publishedAtSchema,
  language: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/,
        'The language must be a language code such as "id".',
      )
      .default("id"),
  ),
  slug: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(MAX_SLUG_CHARS, `The slug is longer than ${MAX_SLUG_CHARS} characters.`)
      .regex(
        SLUG_PATTERN,
        "The slug may only hold lower-case letters, digits, hyphens and underscores.",
      )
      .optional(),
  ),
  body: articleTextSchema("article body"),
});

/**
 * Parses an article file. `fileName` gives the slug when the front matter has
 * none (its base name without extension). Throws ArticleFileError listing
 * every problem (missing title, bad date, empty or binary body, ...).
 */
export function parseArticleFile(raw: string, fileName: string): ParsedArticle {
  const problems: string[] = [];
  const text = raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");

  // Checked before anything else: front matter errors in a binary file are noise.
  if (looksBinary(text))
    throw new ArticleFileError(fileName, ["The file looks like binary data, not text."]);

  const { data: fields, body, errors } = readFrontMatter(text);
  problems.push(...errors);
  for (const key of Object.keys(fields)) {
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key))
      problems.push(
        `Unknown front matter field "${key}" (known: ${FRONT_MATTER_KEYS.join(", ")}).`,
      );
  }

  // Fields of a front matter YAML could not read would only add noise.
  if (errors.length > 0) throw new ArticleFileError(fileName, problems);
  const result = frontMatterSchema.safeParse({ ...fields, body });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      const prefix = key === undefined || key === "body" ? "" : `${String(key)}: `;
      problems.push(`${prefix}${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ArticleFileError(fileName, problems);

  const data = result.data;
  const slug = data.slug ?? slugFromFileName(fileName);
  if (slug === "")
    throw new ArticleFileError(fileName, [
      "No slug: the front matter has none and the file name gives none.",
    ]);

  return {
    slug,
    title: data.title,
    source: data.source ?? null,
    publishedAt: data.publishedAt ?? null,
    language: data.language,
    body: dropRepeatedTitle(data.body.trim(), data.title),
  };
}

/** Like parseArticleFile, without throwing. */
export function safeParseArticleFile(
  raw: string,
  fileName: string,
): { ok: true; article: ParsedArticle } | { ok: false; error: ArticleFileError } {
  try {
    return { ok: true, article: parseArticleFile(raw, fileName) };
  } catch (error) {
    if (error instanceof ArticleFileError) return { ok: false, error };
    throw error;
  }
}

/** Writes an article file that parseArticleFile reads back unchanged. */
export function serializeArticleFile(article: {
  title: string;
  body: string;
  source?: string | null;
  publishedAt?: string | null;
  language?: string;
  slug?: string;
}): string {
  const fields: Record<string, string> = { title: normalizeWhitespace(article.title) };
  if (article.source) fields.source = normalizeWhitespace(article.source);
  if (article.publishedAt) fields.publishedAt = article.publishedAt;
  fields.language = article.language ?? "id";
  if (article.slug) fields.slug = article.slug;
  const body = article.body.replace(/\r\n?/g, "\n").trim();
  return writeFrontMatter(fields, `${body}\n`);
}

function slugFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.[^.]*$/, "");
  // Seed ids such as "000_9df4d0f23bd6c915" are kept as they are; anything else is slugified.
  return SLUG_PATTERN.test(stem) && stem.length <= MAX_SLUG_CHARS ? stem : slugify(stem);
}

/**
 * The title is shown above the body, so a body that opens with the headline
 * (as pasted articles often do) would show it twice: that first paragraph is
 * dropped. The file itself keeps the text as it was given.
 */
function dropRepeatedTitle(body: string, title: string): string {
  const [first, ...rest] = body.split(/\n[^\S\n]*\n/);
  if (first !== undefined && rest.length > 0 && sameText(first, title)) {
    return rest.join("\n\n").trim();
  }
  return body;
}

function sameText(a: string, b: string): boolean {
  const key = (s: string) =>
    normalizeWhitespace(s)
      .replace(/[.!?]+$/, "")
      .toLocaleLowerCase("id");
  return key(a) === key(b);
}
