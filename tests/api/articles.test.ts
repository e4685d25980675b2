import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getArticle } from "@/app/api/articles/[slug]/route";
import { POST as translate } from "@/app/api/articles/[slug]/translate/route";
import { GET as listArticles, POST as createArticle } from "@/app/api/articles/route";
import { GET as health } from "@/app/api/health/route";
import { importArticles } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { resolveModelSource } from "@/lib/translation/models/source";
import { setEngine } from "@/lib/translation/engines";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import type { TranslationEvent } from "@/lib/translation/queue";
import { freshDb } from "../helpers/db";

let db: Db;
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const post = (url: string, body: unknown) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function readNdjson(response: Response): Promise<TranslationEvent[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TranslationEvent);
}

beforeAll(async () => {
  db = freshDb().db;
  await importArticles(db, path.resolve("content"));
  setEngine(new TransformersEngine(resolveModelSource("tests/fixtures/tiny-marian")));
});

describe("GET /api/articles", () => {
  it("lists the imported seed articles with their counts", async () => {
    const response = await listArticles(new Request("http://localhost/api/articles"), undefined);
    expect(response.status).toBe(200);
    const articles = (await response.json()) as {
      slug: string;
      source: string;
      segmentCount: number;
      translatedCount: number;
    }[];
    expect(articles).toHaveLength(5);
    const first = articles.find((a) => a.slug === "000_9df4d0f23bd6c915");
    expect(first?.source).toBe("Bisnis.com");
    expect(first?.segmentCount).toBeGreaterThan(5);
    expect(first?.translatedCount).toBe(0);
  });
});

describe("GET /api/articles, order", () => {
  it("lists the newest first and articles without a date last, on every database", async () => {
    const undated = post("/api/articles", { title: "Tanpa tanggal", text: "Kim bertemu Putin." });
    const dated = post("/api/articles", {
      title: "Paling baru",
      text: "Xi bertemu Kim.",
      publishedAt: "2030-01-01",
    });
    expect((await createArticle(undated, undefined)).status).toBe(201);
    expect((await createArticle(dated, undefined)).status).toBe(201);
    const response = await listArticles(new Request("http://localhost/api/articles"), undefined);
    const list = (await response.json()) as { title: string; publishedAt: string | null }[];
    expect(list[0]).toMatchObject({ title: "Paling baru", publishedAt: "2030-01-01" });
    const dates = list.map((a) => a.publishedAt);
    const firstUndated = dates.indexOf(null);
    expect(firstUndated).toBeGreaterThan(0);
    // Every dated article comes before every undated one, newest first.
    expect(dates.slice(firstUndated).every((d) => d === null)).toBe(true);
    const known = dates.slice(0, firstUndated) as string[];
    expect(known).toEqual([...known].sort().reverse());
    expect(list.map((a) => a.title)).toContain("Tanpa tanggal");
  });
});

describe("GET /api/articles/:slug", () => {
  it("returns paragraphs of segments in order", async () => {
    const response = await getArticle(
      new Request("http://localhost/x"),
      params("000_9df4d0f23bd6c915"),
    );
    expect(response.status).toBe(200);
    const article = (await response.json()) as {
      paragraphs: {
        index: number;
        segments: { id: number; source: string; translation: unknown }[];
      }[];
    };
    expect(article.paragraphs.length).toBeGreaterThan(3);
    expect(article.paragraphs[0]?.segments[0]?.source).toMatch(
      /^Bisnis\.com, JAKARTA - Pemimpin Korea Utara/,
    );
    expect(article.paragraphs[0]?.segments[0]?.translation).toBeNull();
    const all = article.paragraphs.flatMap((p) => p.segments.map((s) => s.source)).join(" ");
    expect(all).not.toMatch(/Baca Juga/i);
  });

  it("answers 404 with a JSON error for an unknown slug", async () => {
    const response = await getArticle(new Request("http://localhost/x"), params("no-such-article"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'No article with slug "no-such-article".',
      code: "notFound",
      params: {},
    });
  });
});

describe("POST /api/articles", () => {
  it("stores a pasted article and answers 201 with its slug", async () => {
    const response = await createArticle(
      post("/api/articles", {
        title: "Kim ke Rusia",
        text: "Kim bertemu Putin di Rusia.\n\nXi bertemu Kim di Pyongyang.",
        source: "Uji",
      }),
      undefined,
    );
    expect(response.status).toBe(201);
    const { slug } = (await response.json()) as { slug: string };
    expect(slug).toBe("kim-ke-rusia");
    const again = await createArticle(
      post("/api/articles", { title: "Kim ke Rusia", text: "Putin bertemu Kim di Moskow." }),
      undefined,
    );
    expect(((await again.json()) as { slug: string }).slug).toBe("kim-ke-rusia-2");
  });

  it.each([
    ["empty text", { title: "A", text: "" }],
    ["whitespace only", { title: "A", text: "  \n\t  " }],
    ["no title", { title: "", text: "Kim bertemu Putin." }],
    ["over 200,000 characters", { title: "A", text: "Kalimat. ".repeat(25_000) }],
    ["binary", { title: "A", text: "abc\u0000\u0001\u0002def" }],
    ["a bad date", { title: "A", text: "Kim bertemu Putin.", publishedAt: "20/9/2023" }],
  ])("refuses %s with 422 and stores nothing", async (_name, body) => {
    const before = await db.article.count();
    const response = await createArticle(post("/api/articles", body), undefined);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(5);
    expect(await db.article.count()).toBe(before);
  });

  it("refuses a body that is not JSON", async () => {
    const response = await createArticle(post("/api/articles", "{not json"), undefined);
    expect(response.status).toBe(422);
  });
});

describe("POST /api/articles/:slug/translate", () => {
  it("streams each finished segment and stores the translations", async () => {
    await createArticle(
      post("/api/articles", {
        title: "Stream",
        text: "Kim bertemu Putin di Rusia.\n\nXi bertemu Kim di Pyongyang.",
      }),
      undefined,
    );
    const events = await readNdjson(
      await translate(post("/api/articles/stream/translate", {}), params("stream")),
    );
    const segments = events.filter((e) => e.type === "segment");
    // The title first (a segment of its own), then the sentences in order.
    expect(segments.slice(1).map((e) => e.type === "segment" && e.text)).toEqual([
      "Kim met Putin in Russia.",
      "Xi met Kim in Pyongyang.",
    ]);
    expect(events.at(-1)).toEqual({ type: "done", done: 2, total: 2 });

    const article = (await (
      await getArticle(new Request("http://localhost/x"), params("stream"))
    ).json()) as {
      titleSegment: { id: number; source: string; translation: { origin: string } | null };
      paragraphs: { segments: { translation: { text: string; origin: string } | null }[] }[];
    };
    expect(article.paragraphs.map((p) => p.segments[0]?.translation?.origin)).toEqual([
      "machine",
      "machine",
    ]);
    expect(article.titleSegment.source).toBe("Stream");
    expect(article.titleSegment.translation?.origin).toBe("machine");
    expect(segments[0]?.type === "segment" && segments[0].segmentId).toBe(article.titleSegment.id);

    // A second run has nothing left to do and needs no model call.
    const again = await readNdjson(
      await translate(post("/api/articles/stream/translate", {}), params("stream")),
    );
    expect(again).toEqual([
      { type: "progress", done: 2, total: 2 },
      { type: "done", done: 2, total: 2 },
    ]);
  });

  it("finishes and stores the translation when the client disconnects at once", async () => {
    await createArticle(
      post("/api/articles", {
        title: "Pergi",
        text: "Putin tiba di Pyongyang.\n\nShoigu mengunjungi Korea Utara.",
      }),
      undefined,
    );
    const response = await translate(post("/api/articles/pergi/translate", {}), params("pergi"));
    await response.body?.cancel();
    const deadline = Date.now() + 15_000;
    let translated = 0;
    while (Date.now() < deadline) {
      translated = await db.segment.count({
        where: { article: { slug: "pergi" }, currentRevisionId: { not: null }, kind: "sentence" },
      });
      if (translated === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(translated).toBe(2);
  });

  it("answers 404 for an unknown article", async () => {
    const response = await translate(post("/api/articles/nope/translate", {}), params("nope"));
    expect(response.status).toBe(404);
  });
});

describe("GET /api/health", () => {
  it("reports the database and the model", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      db: string;
      model: { id: string; state: string };
    };
    expect(body.status).toBe("ok");
    expect(body.db).toBe("ok");
    expect(body.model.id).toBe("tests/fixtures/tiny-marian");
    expect(["idle", "loading", "ready"]).toContain(body.model.state);
  });
});
