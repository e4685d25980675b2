import type { Db } from "../db/client";
import { slugify, type NewArticleInput } from "../content/article-file";
import { toDraft } from "../content/import";
import { hashText, saveArticle } from "./store";

export interface CreatedArticle {
  slug: string;
  id: number;
  /** True when the same story was already in the library (same address or same text): nothing was added. */
  duplicate: boolean;
}

/** Where an article came from, beside its text. */
export interface ArticleOrigin {
  origin?: "form" | "web";
  url?: string | null;
  author?: string | null;
  /** An uploaded file's key (lib/extraction/import.ts). */
  fileHash?: string;
  /** The text's language, when a file says it (an EPUB's dc:language). */
  language?: string;
}

/**
 * Stores an article added in the app (pasted, uploaded or fetched); returns
 * its (unique) slug and id. A story from the web reached twice, by its
 * canonical address or by its sentences, is the article already stored.
 */
export async function createArticle(
  db: Db,
  input: NewArticleInput,
  from: ArticleOrigin = {},
): Promise<CreatedArticle> {
  if (from.url) {
    const same = await db.article.findUnique({
      where: { url: from.url },
      select: { id: true, slug: true },
    });
    if (same) return { ...same, duplicate: true };
  }
  const base = slugify(input.title) || "artikel";
  let slug = base;
  for (let n = 2; await db.article.findUnique({ where: { slug }, select: { id: true } }); n++) {
    slug = `${base}-${n}`;
  }
  const draft = toDraft(
    {
      slug,
      title: input.title.trim(),
      source: input.source?.trim() || null,
      publishedAt: input.publishedAt ?? null,
      language: from.language ?? "id",
      url: from.url ?? null,
      author: from.author ?? null,
      fileHash: from.fileHash ?? null,
    },
    input.text,
  );
  // A story fetched again under another address; text pasted on purpose is the user's to repeat.
  if (from.origin === "web") {
    const sameText = await db.article.findFirst({
      where: { textHash: hashText(draft.paragraphs) },
      select: { id: true, slug: true },
    });
    if (sameText) return { ...sameText, duplicate: true };
  }
  const { articleId } = await saveArticle(db, draft, from.origin ?? "form");
  return { slug, id: articleId, duplicate: false };
}
