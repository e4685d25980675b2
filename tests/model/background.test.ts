import { beforeEach, describe, expect, it } from "vitest";
import { saveArticle } from "@/lib/articles/store";
import type { Db } from "@/lib/db/client";
import { appendRevision } from "@/lib/revisions/store";
import { BackgroundTranslation } from "@/lib/translation/background";
import type { SentenceRequest, SentenceResult } from "@/lib/translation/decode";
import type { ModelStatus, TranslationEngine } from "@/lib/translation/engine";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";
import { pendingWork } from "@/lib/translation/progress";
import { TranslationQueue } from "@/lib/translation/queue";
import { freshDb } from "../helpers/db";

let db: Db;
const fixture = new TransformersEngine(resolveModelSource("tests/fixtures/tiny-marian"));

/** The fixture model, recording which sentences each call translated. */
class RecordingEngine implements TranslationEngine {
  readonly calls: string[][] = [];
  constructor(private readonly inner: TranslationEngine = fixture) {}
  get modelId() {
    return this.inner.modelId;
  }
  get modelRevision() {
    return this.inner.modelRevision;
  }
  status(): ModelStatus {
    return this.inner.status();
  }
  ensureLoaded() {
    return this.inner.ensureLoaded();
  }
  async translateBatch(requests: SentenceRequest[]): Promise<SentenceResult[]> {
    this.calls.push(requests.map((r) => r.source));
    return this.inner.translateBatch(requests);
  }
}

async function addArticle(slug: string, publishedAt: string | null, sentences: string[]) {
  const { articleId } = await saveArticle(
    db,
    { slug, title: slug, source: null, publishedAt, language: "id", paragraphs: [sentences] },
    "form",
  );
  return articleId;
}

async function translatedSentences(articleId: number) {
  return db.segment.count({
    where: { articleId, currentRevisionId: { not: null }, kind: "sentence" },
  });
}

beforeEach(() => {
  db = freshDb().db;
});

describe("background translation", () => {
  it("translates every article with nobody opening it, newest first", async () => {
    const old = await addArticle("old", "2023-09-01", ["Kim bertemu Putin di Rusia."]);
    const recent = await addArticle("recent", "2023-09-20", ["Xi bertemu Kim di Pyongyang."]);
    const undated = await addArticle("undated", null, ["Putin bertemu Shoigu di Moskow."]);
    expect(await pendingWork(db)).toEqual({ articles: 3, sentences: 3 });
    const engine = new RecordingEngine();
    const background = new BackgroundTranslation(
      db,
      new TranslationQueue(db, engine, { batchSize: 4, concurrency: 1 }),
    );
    background.wake();
    await background.idle();
    // Each article's title (its slug here) goes with its sentences.
    // Each article's title (its slug here) goes with its sentences; the fixture model
    // returns nothing for some, which are tried once more.
    const titles = ["recent", "old", "undated"];
    expect(engine.calls.flat().filter((s) => !titles.includes(s))).toEqual([
      "Xi bertemu Kim di Pyongyang.",
      "Kim bertemu Putin di Rusia.",
      "Putin bertemu Shoigu di Moskow.",
    ]);
    expect(engine.calls.map((c) => c[0])).toEqual(expect.arrayContaining(titles));
    for (const id of [old, recent, undated]) expect(await translatedSentences(id)).toBe(1);
    expect(await pendingWork(db)).toEqual({ articles: 0, sentences: 0 });
  });

  it("serves an article a reader opens before the background's own work", async () => {
    const long = await addArticle(
      "long",
      "2023-09-20",
      Array.from({ length: 6 }, (_, i) => `Kim bertemu Putin di Rusia ${i}.`),
    );
    const opened = await addArticle("opened", "2023-09-01", ["Xi bertemu Kim di Pyongyang."]);
    const engine = new RecordingEngine();
    const queue = new TranslationQueue(db, engine, { batchSize: 1, concurrency: 1 });
    const background = new BackgroundTranslation(db, queue);
    background.wake();
    // The reader opens the older article while the newest is being translated.
    await new Promise<void>((resolve) => {
      const check = () => (engine.calls.length > 0 ? resolve() : setTimeout(check, 5));
      check();
    });
    const reader = queue.translateArticle(opened, () => {});
    await reader.finished;
    // The reader's job starts with the article's title.
    const readerCall = engine.calls.findIndex((c) => c[0] === "opened");
    // At most the batches already waiting for the model ran before it, not the rest of the article.
    expect(readerCall).toBeGreaterThan(0);
    expect(readerCall).toBeLessThan(3);
    await background.idle();
    expect(await translatedSentences(long)).toBe(6);
  });

  it("finishes, after a restart, what an earlier process left half done", async () => {
    const id = await addArticle("half", "2023-09-20", [
      "Kim bertemu Putin di Rusia.",
      "Xi bertemu Kim di Pyongyang.",
      "Putin bertemu Shoigu di Moskow.",
    ]);
    // The earlier process stored the first sentence, then was stopped.
    const [done] = await db.segment.findMany({
      where: { articleId: id, kind: "sentence" },
      orderBy: { position: "asc" },
    });
    await db.$transaction((tx) =>
      appendRevision(tx, {
        segmentId: done!.id,
        baseRevisionId: null,
        origin: "machine",
        event: "translate",
        text: "Kim met Putin in Russia.",
      }),
    );
    const second = new RecordingEngine();
    const restarted = new BackgroundTranslation(
      db,
      new TranslationQueue(db, second, { batchSize: 4, concurrency: 1 }),
    );
    restarted.wake();
    await restarted.idle();
    // Only what was still missing went to the model; the stored sentence was kept.
    expect(second.calls.flat().filter((s) => s !== "half")).toEqual([
      "Xi bertemu Kim di Pyongyang.",
      "Putin bertemu Shoigu di Moskow.",
    ]);
    expect(await db.revision.count({ where: { segment: { kind: "sentence" } } })).toBe(3);
    expect(await translatedSentences(id)).toBe(3);
  });

  it("pauses without looping when the model is not installed, and says why", async () => {
    await addArticle("a", null, ["Kim bertemu Putin di Rusia."]);
    const missing = new TransformersEngine(resolveModelSource("tests/fixtures/no-such-model"));
    const background = new BackgroundTranslation(
      db,
      new TranslationQueue(db, missing, { batchSize: 4, concurrency: 1 }),
    );
    background.wake();
    await background.idle();
    expect(background.status().paused).toMatch(/not installed|could not be loaded/);
    expect(await pendingWork(db)).toEqual({ articles: 1, sentences: 1 });
  });

  it("does not retry forever an article the model returns nothing for", async () => {
    const id = await addArticle("empty", null, ["Kim bertemu Putin di Rusia."]);
    const calls: number[] = [];
    const silent: TranslationEngine = {
      modelId: "silent",
      modelRevision: null,
      status: () => ({ id: "silent", state: "ready" }),
      ensureLoaded: async () => true,
      translateBatch: async (requests) => {
        calls.push(requests.length);
        return requests.map(() => ({
          text: "",
          meanLogProb: 0,
          confidence: 0,
          tokens: 1,
          forced: [],
          decoding: "greedy",
        }));
      },
    };
    const background = new BackgroundTranslation(
      db,
      new TranslationQueue(db, silent, { batchSize: 4, concurrency: 1 }),
    );
    background.wake();
    await background.idle();
    expect(calls.length).toBeGreaterThan(0);
    const tried = calls.length;
    background.wake();
    await background.idle();
    expect(calls.length).toBe(tried);
    // Once the article changes, it is tried again.
    background.wake(id);
    await background.idle();
    expect(calls.length).toBeGreaterThan(tried);
  });
});
