import { beforeAll, describe, expect, it } from "vitest";
import { saveArticle } from "@/lib/articles/store";
import type { Db } from "@/lib/db/client";
import type { ModelStatus, TranslationEngine } from "@/lib/translation/engine";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";
import { TranslationQueue, type TranslationEvent } from "@/lib/translation/queue";
import { freshDb } from "../helpers/db";

let db: Db;
const engine = new TransformersEngine(resolveModelSource("tests/fixtures/tiny-marian"));

async function addArticle(slug: string, paragraphs: string[][]): Promise<number> {
  const { articleId } = await saveArticle(
    db,
    { slug, title: slug, source: null, publishedAt: null, language: "id", paragraphs },
    "form",
  );
  return articleId;
}

function collect(queue: TranslationQueue, articleId: number, retranslate = false) {
  const events: TranslationEvent[] = [];
  const { finished } = queue.translateArticle(articleId, (e) => events.push(e), { retranslate });
  return finished.then(() => events);
}

beforeAll(() => {
  db = freshDb().db;
});

describe("TranslationQueue", () => {
  it("translates through the real model, stores machine revisions with the model id, and reports progress", async () => {
    const id = await addArticle("q1", [
      ["Kim bertemu Putin di Rusia.", "Xi bertemu Kim di Pyongyang."],
      ["Putin bertemu Shoigu di Moskow."],
    ]);
    const queue = new TranslationQueue(db, engine, { batchSize: 2, concurrency: 1 });
    const events = await collect(queue, id);
    expect(events[0]).toEqual({ type: "progress", done: 0, total: 3 });
    // The title goes first; done and total count the sentences.
    expect(
      events.filter((e) => e.type === "segment").map((e) => (e.type === "segment" ? e.done : 0)),
    ).toEqual([0, 1, 2, 3]);
    expect(events.at(-1)).toEqual({ type: "done", done: 3, total: 3 });
    const revisions = await db.revision.findMany({
      where: { segment: { kind: "sentence" } },
      orderBy: { id: "asc" },
    });
    expect(revisions.map((r) => [r.origin, r.event, r.modelId])).toEqual(
      Array(3).fill(["machine", "translate", "tests/fixtures/tiny-marian"]),
    );
    expect(revisions[0]?.text).toBe("Kim met Putin in Russia.");
    // Training sentences: confident, nothing flagged; the events carry the same.
    for (const r of revisions) {
      expect(r.confidence).toBeGreaterThan(0.9);
      expect(r.flags).toBeNull();
    }
    const first = events.find(
      (e) => e.type === "segment" && e.segmentId === revisions[0]!.segmentId,
    );
    expect(first).toMatchObject({ confidence: revisions[0]!.confidence, flags: [] });
  });

  it("stores a looping output flagged, never as a plain translation", async () => {
    const id = await addArticle("q-loop", [
      [
        "Dalam pertemuan Politbiro pada Rabu (20/9/2023), Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA) pada Jumat (22/9/2023).",
      ],
    ]);
    const queue = new TranslationQueue(db, engine, { batchSize: 4, concurrency: 1 });
    const events = await collect(queue, id);
    const segment = events.find((e) => e.type === "segment");
    const [revision] = await db.revision.findMany({ where: { segment: { articleId: id } } });
    expect(segment).toMatchObject({ flags: ["degenerate"] });
    expect(revision?.flags).toBe('["degenerate"]');
    expect(revision?.confidence).toBeLessThan(0.9);
  });

  it("lets a second caller join the running job instead of starting another", async () => {
    const id = await addArticle("q2", [["Kim bertemu Putin di Rusia."]]);
    const queue = new TranslationQueue(db, engine, { batchSize: 4, concurrency: 1 });
    const [a, b] = await Promise.all([collect(queue, id), collect(queue, id)]);
    expect(a.at(-1)).toEqual({ type: "done", done: 1, total: 1 });
    expect(b).toEqual(a);
    const article = await db.segment.findMany({
      where: { articleId: id, kind: "sentence" },
      include: { revisions: true },
    });
    expect(article[0]?.revisions).toHaveLength(1);
  });

  it("never replaces a human translation when retranslating", async () => {
    const id = await addArticle("q3", [
      ["Kim bertemu Putin di Rusia.", "Xi bertemu Kim di Pyongyang."],
    ]);
    const queue = new TranslationQueue(db, engine, { batchSize: 4, concurrency: 1 });
    await collect(queue, id);
    const [first] = await db.segment.findMany({
      where: { articleId: id, kind: "sentence" },
      orderBy: { position: "asc" },
    });
    const human = await db.revision.create({
      data: {
        segmentId: first!.id,
        origin: "human",
        event: "edit",
        text: "Kim met Putin in Russia (checked).",
        baseRevisionId: first!.currentRevisionId,
      },
    });
    await db.segment.update({ where: { id: first!.id }, data: { currentRevisionId: human.id } });
    const events = await collect(queue, id, true);
    expect(events.at(-1)).toEqual({ type: "done", done: 2, total: 2 });
    const after = await db.segment.findUnique({
      where: { id: first!.id },
      include: { currentRevision: true },
    });
    expect(after?.currentRevision?.text).toBe("Kim met Putin in Russia (checked).");
  });

  it("bounds how many model calls run at once", async () => {
    let running = 0;
    let peak = 0;
    const slow: TranslationEngine = {
      modelId: "slow",
      modelRevision: null,
      status: (): ModelStatus => ({ id: "slow", state: "ready" }),
      ensureLoaded: async () => true,
      translateBatch: async (sentences) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return sentences.map((s) => ({
          text: s.source.toUpperCase(),
          meanLogProb: 0,
          confidence: 1,
          tokens: 1,
          forced: [],
          decoding: "greedy",
        }));
      },
    };
    const queue = new TranslationQueue(db, slow, { batchSize: 1, concurrency: 2 });
    const ids = await Promise.all(
      ["c1", "c2", "c3", "c4"].map((slug) => addArticle(slug, [["Satu.", "Dua.", "Tiga."]])),
    );
    await Promise.all(ids.map((id) => collect(queue, id)));
    expect(peak).toBe(2);
  });

  it("reports an unavailable model as an error event with the install hint", async () => {
    const id = await addArticle("q5", [["Shoigu bertemu Xi di Vladivostok."]]);
    const missing = new TransformersEngine(resolveModelSource("tmp/missing-model/"));
    const events = await collect(
      new TranslationQueue(db, missing, { batchSize: 4, concurrency: 1 }),
      id,
    );
    const last = events.at(-1);
    expect(last?.type).toBe("error");
    expect(last?.type === "error" && last.hint).toMatch(/config\.json/);
    // The message code lets the reader say it in the interface language.
    expect(last).toMatchObject({
      code: "modelUnavailable",
      params: { model: "tmp/missing-model/" },
      error: expect.stringMatching(/not installed/),
    });
    expect(await db.revision.count({ where: { segment: { articleId: id } } })).toBe(0);
  });

  it("reports a model failure mid-article as an error event with a message code", async () => {
    const id = await addArticle("q6", [["Satu.", "Dua."]]);
    const broken: TranslationEngine = {
      modelId: "broken",
      modelRevision: null,
      status: (): ModelStatus => ({ id: "broken", state: "ready" }),
      ensureLoaded: async () => true,
      translateBatch: async () => {
        throw new Error("out of memory");
      },
    };
    const events = await collect(
      new TranslationQueue(db, broken, { batchSize: 1, concurrency: 1 }),
      id,
    );
    expect(events.at(-1)).toEqual({
      type: "error",
      error: "Translation stopped: out of memory",
      code: "translationStopped",
      params: { detail: "out of memory" },
    });
  });

  it("translates only the sentences of a part when given one (a team job's positions)", async () => {
    const id = await addArticle("part", [
      ["Shoigu bertemu Xi di Vladivostok.", "Xi bertemu Kim di Pyongyang."],
      ["Putin bertemu Shoigu di Moskow."],
    ]);
    const queue = new TranslationQueue(db, engine, { batchSize: 2, concurrency: 1 });
    const events: TranslationEvent[] = [];
    const part = queue.translateArticle(id, (e) => events.push(e), {
      positions: { from: 1, to: 3 },
    });
    expect(queue.isRunning(id)).toBe(true);
    await part.finished;
    expect(queue.isRunning(id)).toBe(false);
    expect(events.at(-1)).toEqual({ type: "done", done: 2, total: 2 });
    const segments = await db.segment.findMany({
      where: { articleId: id, kind: "sentence" },
      orderBy: { position: "asc" },
      select: { currentRevision: { select: { text: true } } },
    });
    expect(segments.map((s) => s.currentRevision?.text ?? null)).toEqual([
      null,
      "Xi met Kim in Pyongyang.",
      "Putin met Shoigu in Moscow.",
    ]);
  });
});
