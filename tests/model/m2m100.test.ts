// An M2M100 model through the app, on the project's M2M100-shaped fixture
// (tests/fixtures/tiny-m2m100): language codes mark the source and force the
// first English token, as Transformers.js's translation pipeline does. Under
// greedy decoding the app stores exactly what that pipeline writes; beam
// search and glossary constraints work on it as on Marian.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as translate } from "@/app/api/articles/[slug]/translate/route";
import { importArticles } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { BackgroundTranslation } from "@/lib/translation/background";
import { setEngine } from "@/lib/translation/engines";
import { resolveModelSource } from "@/lib/translation/models/source";
import { TranslationQueue } from "@/lib/translation/queue";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { mentionsOf } from "@/lib/translation/search/constraints";
import { freshDb } from "../helpers/db";
import { pipelineModelCall, pipelineTranslations } from "../helpers/pipeline-reference";

const FIXTURE = "tests/fixtures/tiny-m2m100";
const saved = { MT_MODEL: process.env.MT_MODEL, MT_BATCH_SIZE: process.env.MT_BATCH_SIZE };

function trainingPairs(every: number): [string, string][] {
  const pairs = JSON.parse(fs.readFileSync(`${FIXTURE}/training-pairs.json`, "utf8")) as [
    string,
    string,
  ][];
  return pairs.filter((_, i) => i % every === 0);
}

const greedy = () => new TransformersEngine(resolveModelSource(FIXTURE), undefined, undefined, 1);

async function storedTexts(db: Db): Promise<{ source: string; text: string | null }[]> {
  const segments = await db.segment.findMany({
    orderBy: [{ articleId: "asc" }, { position: "asc" }],
    select: { source: true, currentRevision: { select: { text: true, modelId: true } } },
  });
  for (const s of segments) if (s.currentRevision) expect(s.currentRevision.modelId).toBe(FIXTURE);
  return segments.map((s) => ({ source: s.source, text: s.currentRevision?.text ?? null }));
}

async function expectPipelineTexts(db: Db): Promise<void> {
  const stored = await storedTexts(db);
  expect(stored.length).toBeGreaterThan(90);
  expect(stored.every((s) => s.text !== null)).toBe(true);
  const expected = await pipelineTranslations(
    db,
    FIXTURE,
    stored.map((s) => s.source),
  );
  expect(stored.map((s) => s.text)).toEqual(expected);
}

beforeAll(() => {
  // One sentence per model call, as the pipeline is called: in a padded batch,
  // float rounding may tip a near tie on text far from the fixture's patterns.
  process.env.MT_BATCH_SIZE = "1";
  process.env.MT_MODEL = FIXTURE;
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("the M2M100-shaped fixture", () => {
  it("with one beam, writes exactly what the translation pipeline writes with the same language codes", async () => {
    const sentences = [
      ...trainingPairs(30).map(([s]) => s),
      "Pertemuan itu berlangsung tertutup selama dua jam di kosmodrom.",
      "Zebra qwerty xylofon.",
    ];
    const call = await pipelineModelCall(FIXTURE);
    const expected = (await call(sentences.map((source) => ({ source })))).map((r) => r.text);
    const engine = greedy();
    const results = [];
    for (const source of sentences) results.push(...(await engine.translateBatch([{ source }])));
    expect(results.map((r) => r.text)).toEqual(expected);
    // The training sentences come out as trained.
    const pairs = trainingPairs(30);
    expect(results.slice(0, pairs.length).map((r) => r.text)).toEqual(pairs.map(([, t]) => t));
  });

  it("with four beams, still translates its training sentences exactly", async () => {
    const pairs = trainingPairs(25);
    const engine = new TransformersEngine(resolveModelSource(FIXTURE), undefined, undefined, 4);
    const results = await engine.translateBatch(pairs.map(([source]) => ({ source })));
    expect(results.map((r) => r.text)).toEqual(pairs.map(([, target]) => target));
    expect(results.every((r) => r.decoding === "beam 4")).toBe(true);
  });

  it("writes a glossary rendering its plain translation lacks, once, by constrained search", async () => {
    const engine = new TransformersEngine(resolveModelSource(FIXTURE), undefined, undefined, 4);
    const cases = [
      {
        source: "DK PBB mengecam Korea Utara.",
        steer: [{ text: "the DPRK", term: "Korea Utara" }],
      },
      { source: "Kim bertemu Putin di Rusia.", steer: [{ text: "Vladimir Putin", term: "Putin" }] },
    ];
    const plain = await engine.translateBatch(cases.map(({ source }) => ({ source })));
    const steered = await engine.translateBatch(cases);
    cases.forEach((c, i) => {
      const rendering = c.steer[0]!.text;
      expect(plain[i]!.text).not.toContain(rendering.replace(/^the /, ""));
      expect(mentionsOf(rendering, steered[i]!.text)).toBe(1);
      expect(steered[i]!.forced).toEqual([rendering]);
      expect(steered[i]!.decoding).toBe("beam 4, terms");
    });
    // Never beside the model's own wording of the term.
    expect(steered[0]!.text).not.toContain("North Korea");
    expect(steered[1]!.text.match(/Putin/g)).toHaveLength(1);
  });

  it("translates the seed articles through the reader as the pipeline does", async () => {
    const { db } = freshDb();
    await importArticles(db, path.resolve("content"));
    setEngine(greedy(), FIXTURE);
    const articles = await db.article.findMany({ select: { slug: true } });
    for (const { slug } of articles) {
      const response = await translate(
        new Request(`http://localhost/api/articles/${slug}/translate`, { method: "POST" }),
        { params: Promise.resolve({ slug }) },
      );
      expect(response.status).toBe(200);
      const events = (await response.text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(events.at(-1)).toMatchObject({ type: "done" });
    }
    await expectPipelineTexts(db);
  });

  it("translates the seed articles in the background as the pipeline does", async () => {
    const { db } = freshDb();
    await importArticles(db, path.resolve("content"));
    const queue = new TranslationQueue(db, greedy(), { batchSize: 1, concurrency: 1 });
    const background = new BackgroundTranslation(db, queue);
    background.wake();
    await background.idle();
    await expectPipelineTexts(db);
  });
});
