import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportArticle } from "@/app/api/articles/[slug]/export/route";
import { GET as search } from "@/app/api/search/route";
import { GET as history } from "@/app/api/segments/[id]/history/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import { libraryPage } from "@/lib/articles/library";
import { getArticleView } from "@/lib/articles/queries";
import { saveArticle, type ArticleDraft } from "@/lib/articles/store";
import { addMissingTitles } from "@/lib/articles/titles";
import type { Db } from "@/lib/db/client";
import { BackgroundTranslation } from "@/lib/translation/background";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";
import { articleProgress } from "@/lib/translation/progress";
import { TranslationQueue } from "@/lib/translation/queue";
import { freshDb } from "../helpers/db";

// An article's title is translated like a sentence: the same model path,
// memory and corrections with history, shown in English where the title is.

let db: Db;
const engine = new TransformersEngine(resolveModelSource("tests/fixtures/tiny-marian"));
const ctx = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const put = (body: unknown) =>
  new Request("http://localhost/x", { method: "PUT", body: JSON.stringify(body) });

// The fixture model's training sentences, so its output is known.
const TITLE = "Kim bertemu Putin di Rusia.";
const draft = (title = TITLE): ArticleDraft => ({
  slug: "kunjungan",
  title,
  source: "Uji",
  publishedAt: "2023-09-22",
  language: "id",
  paragraphs: [["Xi bertemu Kim di Pyongyang."], ["Putin bertemu Shoigu di Moskow."]],
});

async function translate(articleId: number, retranslate = false) {
  const queue = new TranslationQueue(db, engine, { batchSize: 4, concurrency: 1 });
  await queue.translateArticle(articleId, () => {}, { retranslate }).finished;
}

beforeEach(() => {
  db = freshDb().db;
});

describe("an article's title", () => {
  it("is a segment apart from the text, translated with the article and shown in English", async () => {
    const { articleId } = await saveArticle(db, draft(), "form");
    const before = await getArticleView(db, "kunjungan");
    expect(before.titleSegment).toMatchObject({ source: TITLE, translation: null });
    // The text and its counts are the sentences alone.
    expect(before.paragraphs.flatMap((p) => p.segments.map((s) => s.source))).toEqual([
      "Xi bertemu Kim di Pyongyang.",
      "Putin bertemu Shoigu di Moskow.",
    ]);

    await translate(articleId);
    const view = await getArticleView(db, "kunjungan");
    expect(view.titleSegment?.translation).toMatchObject({
      text: "Kim met Putin in Russia.",
      origin: "machine",
    });
    expect(await articleProgress(db, ["kunjungan"])).toEqual({
      kunjungan: { done: 2, total: 2 },
    });
    const [card] = (await libraryPage(db)).articles;
    expect(card).toMatchObject({
      title: TITLE,
      titleTranslation: "Kim met Putin in Russia.",
      preview: "Xi met Kim in Pyongyang.",
      segmentCount: 2,
      translatedCount: 2,
    });

    // Search results and exports carry it under the Indonesian title.
    const found = (await (
      await search(new Request("http://localhost/api/search?q=pyongyang&lang=id"), undefined)
    ).json()) as { articles: { title: string; titleTranslation: string | null }[] };
    expect(found.articles).toEqual([
      expect.objectContaining({ title: TITLE, titleTranslation: "Kim met Putin in Russia." }),
    ]);
    const slug = { params: Promise.resolve({ slug: "kunjungan" }) };
    const md = await (
      await exportArticle(new Request("http://localhost/x?format=md&layout=side"), slug)
    ).text();
    expect(md.split("\n").slice(0, 4)).toEqual([
      "# Kim bertemu Putin di Rusia.",
      "",
      "*Kim met Putin in Russia.*",
      "",
    ]);
    const html = await (
      await exportArticle(new Request("http://localhost/x?format=html&layout=side"), slug)
    ).text();
    expect(html).toContain('<p class="title-en" lang="en">Kim met Putin in Russia.</p>');
  });

  it("keeps a correction, with its history, across a retranslation", async () => {
    const { articleId } = await saveArticle(db, draft(), "form");
    await translate(articleId);
    const title = (await getArticleView(db, "kunjungan")).titleSegment!;
    const saved = await saveTranslation(
      put({ text: "Kim meets Putin in Russia", baseRevisionId: title.translation!.revisionId }),
      ctx(title.id),
    );
    expect(saved.status).toBe(201);

    await translate(articleId, true);
    const after = await getArticleView(db, "kunjungan");
    expect(after.titleSegment?.translation).toMatchObject({
      text: "Kim meets Putin in Russia",
      origin: "human",
    });
    const revisions = (await (
      await history(new Request("http://localhost/x"), ctx(title.id))
    ).json()) as {
      origin: string;
      text: string;
      current: boolean;
    }[];
    expect(revisions.map((r) => [r.origin, r.text, r.current])).toEqual([
      ["machine", "Kim met Putin in Russia.", false],
      ["human", "Kim meets Putin in Russia", true],
    ]);
    expect((await libraryPage(db)).articles[0]?.titleTranslation).toBe("Kim meets Putin in Russia");
  });

  it("gets a new segment when the title changes; the old one keeps its revisions, and memory brings the correction back", async () => {
    const { articleId } = await saveArticle(db, draft(), "form");
    await translate(articleId);
    const first = (await getArticleView(db, "kunjungan")).titleSegment!;
    await saveTranslation(
      put({ text: "Kim visits Putin", baseRevisionId: first.translation!.revisionId }),
      ctx(first.id),
    );

    await saveArticle(db, draft("Xi bertemu Kim di Pyongyang."), "form");
    const changed = (await getArticleView(db, "kunjungan")).titleSegment!;
    expect(changed.id).not.toBe(first.id);
    expect(changed.source).toBe("Xi bertemu Kim di Pyongyang.");
    const old = await db.segment.findUniqueOrThrow({
      where: { id: first.id },
      include: { revisions: true },
    });
    expect(old.removedAt).not.toBeNull();
    expect(old.revisions).toHaveLength(2);

    // Back to the first title: translation memory gives it the person's correction.
    await saveArticle(db, draft(), "form");
    expect((await getArticleView(db, "kunjungan")).titleSegment?.translation).toMatchObject({
      text: "Kim visits Putin",
      origin: "memory",
    });
  });

  it("of an article from before titles were translated is added, then translated in the background", async () => {
    await saveArticle(db, draft(), "form");
    // A library from before: no title segment.
    await db.segment.deleteMany({ where: { kind: "title" } });
    expect((await getArticleView(db, "kunjungan")).titleSegment).toBeNull();

    expect(await addMissingTitles(db)).toBe(1);
    expect(await addMissingTitles(db)).toBe(0);
    const background = new BackgroundTranslation(
      db,
      new TranslationQueue(db, engine, { batchSize: 4, concurrency: 1 }),
    );
    background.wake();
    await background.idle();
    expect((await libraryPage(db)).articles[0]?.titleTranslation).toBe("Kim met Putin in Russia.");
  });
});
