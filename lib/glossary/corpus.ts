import type { Db } from "../db/client";

/** The sentences the glossary is matched against: every current sentence of every article. */
export async function activeSegments(db: Db) {
  return db.segment.findMany({
    where: { removedAt: null },
    orderBy: [{ articleId: "asc" }, { position: "asc" }],
    select: {
      id: true,
      articleId: true,
      source: true,
      currentRevisionId: true,
      article: { select: { slug: true, title: true } },
      currentRevision: { select: { text: true, origin: true } },
    },
  });
}

/** The corpus for mining suggestions: each article's current text. */
export async function corpusForMining(db: Db): Promise<{ articleId: number; text: string }[]> {
  const byArticle = new Map<number, string[]>();
  for (const s of await activeSegments(db)) {
    const list = byArticle.get(s.articleId) ?? [];
    list.push(s.source);
    byArticle.set(s.articleId, list);
  }
  return [...byArticle].map(([articleId, sentences]) => ({
    articleId,
    text: sentences.join("\n"),
  }));
}
