import type { Db } from "../db/client";
import { slugify, type NewArticleInput } from "../content/article-file";
import { toDraft } from "../content/import";
import { saveArticle } from "./store";

/** Stores an article pasted into the app; returns its (unique) slug and id. */
export async function createArticle(
  db: Db,
  input: NewArticleInput,
): Promise<{ slug: string; id: number }> {
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
      language: "id",
    },
    input.text,
  );
  const { articleId } = await saveArticle(db, draft, "form");
  return { slug, id: articleId };
}
