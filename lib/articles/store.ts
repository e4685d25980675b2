import { createHash } from "node:crypto";
import { changed, tags } from "../cache/changes";
import type { Db, Tx } from "../db/client";
import { sourceKey } from "../memory/source-key";
import { applyMemory } from "../revisions/corrections";
import { indexSegments, removeSegments } from "../search/index";
import { SENTENCES, syncTitle } from "./titles";

export interface ArticleDraft {
  slug: string;
  title: string;
  source: string | null;
  publishedAt: string | null;
  language: string;
  /** Paragraphs of sentences, already cleaned and segmented. */
  paragraphs: string[][];
  /** The original page, for an article imported from the web. */
  url?: string | null;
  author?: string | null;
  /** The uploaded file it came from (lib/extraction/import.ts), so that it is not added twice. */
  fileHash?: string | null;
}

/** The hash of an article's sentences alone: the same story under another title or address. */
export function hashText(paragraphs: string[][]): string {
  return createHash("sha256").update(JSON.stringify(paragraphs)).digest("hex");
}

export type SaveOutcome = "created" | "updated" | "unchanged";

export function hashDraft(draft: ArticleDraft): string {
  const { slug, title, source, publishedAt, language, paragraphs } = draft;
  return createHash("sha256")
    .update(JSON.stringify([slug, title, source, publishedAt, language, paragraphs]))
    .digest("hex");
}

/**
 * Creates or updates an article from its segmented text and its title (a
 * segment of its own, lib/articles/titles.ts). Unchanged input is a
 * no-op. On an edit, every sentence whose text is unchanged keeps its segment
 * (id, translations, corrections); sentences that disappear are retired, not
 * deleted, so no revision is ever lost.
 */
export async function saveArticle(
  db: Db,
  draft: ArticleDraft,
  origin: "file" | "form" | "web",
): Promise<{ outcome: SaveOutcome; articleId: number; newSegmentIds: number[] }> {
  const contentHash = hashDraft(draft);
  return db.$transaction(async (tx) => {
    const existing = await tx.article.findUnique({ where: { slug: draft.slug } });
    if (existing && existing.contentHash === contentHash) {
      return { outcome: "unchanged" as const, articleId: existing.id, newSegmentIds: [] };
    }
    const data = {
      title: draft.title,
      source: draft.source,
      publishedAt: draft.publishedAt ? new Date(`${draft.publishedAt}T00:00:00Z`) : null,
      language: draft.language,
      contentHash,
      textHash: hashText(draft.paragraphs),
      ...(draft.url !== undefined ? { url: draft.url } : {}),
      ...(draft.author !== undefined ? { author: draft.author } : {}),
      ...(draft.fileHash ? { fileHash: draft.fileHash } : {}),
    };
    const article = existing
      ? await tx.article.update({ where: { id: existing.id }, data })
      : await tx.article.create({ data: { ...data, slug: draft.slug, origin } });
    const newSegmentIds = await syncSegments(tx, article.id, draft.paragraphs);
    const newTitleId = await syncTitle(tx, article.id, draft.title);
    if (newTitleId !== null) newSegmentIds.unshift(newTitleId);
    changed(tx, [tags.article(draft.slug), tags.library]);
    // New sentences take what translation memory already knows before any model runs.
    await applyMemory(tx, newSegmentIds);
    return {
      outcome: existing ? ("updated" as const) : ("created" as const),
      articleId: article.id,
      newSegmentIds,
    };
  });
}

async function syncSegments(tx: Tx, articleId: number, paragraphs: string[][]): Promise<number[]> {
  const active = await tx.segment.findMany({
    where: { articleId, removedAt: null, ...SENTENCES },
    orderBy: { position: "asc" },
    select: { id: true, source: true },
  });
  // Sentences with identical text are matched in order, so a repeated sentence
  // keeps its own segment.
  const unused = new Map<string, number[]>();
  for (const segment of active) {
    const ids = unused.get(segment.source) ?? [];
    ids.push(segment.id);
    unused.set(segment.source, ids);
  }
  const created: { id: number; articleId: number; source: string }[] = [];
  let position = 0;
  for (const [paragraphIndex, sentences] of paragraphs.entries()) {
    for (const [index, source] of sentences.entries()) {
      const reuse = unused.get(source)?.shift();
      if (reuse !== undefined) {
        await tx.segment.update({
          where: { id: reuse },
          data: { paragraphIndex, index, position },
        });
      } else {
        const segment = await tx.segment.create({
          data: {
            articleId,
            paragraphIndex,
            index,
            position,
            source,
            sourceKey: sourceKey(source),
          },
        });
        created.push(segment);
      }
      position++;
    }
  }
  const retired = [...unused.values()].flat();
  if (retired.length > 0) {
    await tx.segment.updateMany({
      where: { id: { in: retired } },
      data: { removedAt: new Date() },
    });
    await removeSegments(tx, retired);
  }
  await indexSegments(tx, created);
  return created.map((s) => s.id);
}
