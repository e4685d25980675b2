// An article's title is a segment of its own kind ("title", position -1): the
// model, the glossary, translation memory, corrections with their history, the
// search index and the background translation treat it as they treat a
// sentence, and the views that show or count the text leave it out.
import { changed, tags } from "../cache/changes";
import type { Db, Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { sourceKey } from "../memory/source-key";
import { applyMemory } from "../revisions/corrections";
import { indexSegments, removeSegments } from "../search/index";

/** The article's sentences, without its title: what the reader shows and the counts count. */
export const SENTENCES = { kind: "sentence" } as const satisfies Prisma.SegmentWhereInput;

/** The live title segment of an article. */
export const LIVE_TITLE = {
  kind: "title",
  removedAt: null,
} as const satisfies Prisma.SegmentWhereInput;

/** Before the first sentence, so an article's job translates its title first. */
export const TITLE_POSITION = -1;

/** A title as one line of text: a sentence's translation is one line too. */
export function titleSource(title: string): string {
  return title.replace(/\s+/g, " ").trim();
}

/**
 * Gives an article a title segment for its title. A title that did not change
 * keeps its segment (and so its translation and corrections); a changed one
 * retires the old segment, never deleting its revisions. Returns the new
 * segment's id, or null when none was made.
 */
export async function syncTitle(tx: Tx, articleId: number, title: string): Promise<number | null> {
  const source = titleSource(title);
  const current = await tx.segment.findFirst({
    where: { articleId, ...LIVE_TITLE },
    select: { id: true, source: true },
  });
  if (current?.source === source) return null;
  if (current) {
    await tx.segment.update({ where: { id: current.id }, data: { removedAt: new Date() } });
    await removeSegments(tx, [current.id]);
  }
  if (source === "") return null;
  const segment = await tx.segment.create({
    data: {
      articleId,
      kind: "title",
      paragraphIndex: TITLE_POSITION,
      index: 0,
      position: TITLE_POSITION,
      source,
      sourceKey: sourceKey(source),
    },
    select: { id: true, source: true },
  });
  await indexSegments(tx, [segment]);
  return segment.id;
}

/** Articles read per transaction when titles are added to an existing library. */
const BATCH = 200;

/**
 * Gives every article without a title segment one (a library from before
 * titles were translated), with what translation memory knows; the background
 * translation then translates the rest like any untranslated sentence.
 * Returns how many were added.
 */
export async function addMissingTitles(db: Db): Promise<number> {
  let added = 0;
  let after = 0;
  for (;;) {
    const articles = await db.article.findMany({
      where: { id: { gt: after }, segments: { none: LIVE_TITLE } },
      select: { id: true, slug: true, title: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    const last = articles[articles.length - 1];
    if (!last) return added;
    after = last.id;
    await db.$transaction(
      async (tx) => {
        const ids: number[] = [];
        for (const article of articles) {
          // An empty title gets no segment.
          const id = await syncTitle(tx, article.id, article.title);
          if (id !== null) ids.push(id);
        }
        await applyMemory(tx, ids);
        added += ids.length;
        changed(tx, [tags.library, ...articles.map((a) => tags.article(a.slug))]);
      },
      { timeout: 120_000 },
    );
  }
}

/** What a list shows of an article in English, each once translated. */
export interface English {
  titleTranslation: string | null;
  /** The first sentence's translation: a card's one-line preview. */
  preview: string | null;
}

/** The English title and first sentence of the given articles (by slug), or of all (null). */
export async function englishOf(
  db: Db,
  slugs: readonly string[] | null,
): Promise<Map<string, English>> {
  if (slugs !== null && slugs.length === 0) return new Map();
  const segments = await db.segment.findMany({
    where: {
      ...(slugs === null ? {} : { article: { slug: { in: [...slugs] } } }),
      removedAt: null,
      currentRevisionId: { not: null },
      OR: [{ kind: "title" }, { kind: "sentence", position: 0 }],
    },
    select: {
      kind: true,
      article: { select: { slug: true } },
      currentRevision: { select: { text: true } },
    },
  });
  const english = new Map<string, English>();
  for (const s of segments) {
    const entry = english.get(s.article.slug) ?? { titleTranslation: null, preview: null };
    const text = s.currentRevision?.text ?? null;
    if (s.kind === "title") entry.titleTranslation = text;
    else entry.preview = text;
    english.set(s.article.slug, entry);
  }
  return english;
}
