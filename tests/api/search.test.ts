import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE as deleteEntry, PUT as updateEntry } from "@/app/api/glossary/[id]/route";
import { POST as createEntry } from "@/app/api/glossary/route";
import { GET } from "@/app/api/search/route";
import { saveArticle } from "@/lib/articles/store";
import { changed, tags } from "@/lib/cache/changes";
import { importArticles } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { appendRevision } from "@/lib/revisions/store";
import { ensureSearchIndex } from "@/lib/search/index";
import { freshDb } from "../helpers/db";

let db: Db;

type Span = { start: number; end: number };
type Hit = {
  segmentId: number;
  source: string;
  translation: string | null;
  sourceHighlights: Span[];
  translationHighlights: Span[];
};
type Body = {
  q: string;
  lang: string;
  articles: { slug: string; title: string; hits: Hit[] }[];
  glossary: { id: number; term: string; translation: string; aliases: string[] }[];
  truncated: boolean;
};

async function search(q: string, lang?: string): Promise<{ status: number; body: Body }> {
  const params = new URLSearchParams({ q });
  if (lang) params.set("lang", lang);
  const response = await GET(new Request(`http://localhost/api/search?${params}`), undefined);
  return { status: response.status, body: (await response.json()) as Body };
}

async function hits(q: string, lang?: string): Promise<(Hit & { slug: string })[]> {
  const { status, body } = await search(q, lang);
  expect(status).toBe(200);
  return body.articles.flatMap((a) => a.hits.map((h) => ({ ...h, slug: a.slug })));
}

/** The words the highlights point at. */
const marked = (text: string | null, spans: Span[]) =>
  spans.map((s) => text!.slice(s.start, s.end));

async function article(slug: string, paragraphs: string[][]) {
  await saveArticle(
    db,
    { slug, title: `Title ${slug}`, source: null, publishedAt: null, language: "id", paragraphs },
    "form",
  );
  return db.segment.findMany({
    where: { article: { slug }, removedAt: null, kind: "sentence" },
    orderBy: { position: "asc" },
  });
}

async function translate(segmentId: number, text: string) {
  const current = await db.segment.findUniqueOrThrow({ where: { id: segmentId } });
  return db.$transaction((tx) =>
    appendRevision(tx, {
      segmentId,
      baseRevisionId: current.currentRevisionId,
      origin: current.currentRevisionId ? "human" : "machine",
      event: current.currentRevisionId ? "edit" : "translate",
      text,
    }),
  );
}

beforeEach(() => {
  db = freshDb().db;
});

describe("GET /api/search, Indonesian", () => {
  it("finds every form of a word by its root in the imported seed articles, import alone indexing them", async () => {
    await importArticles(db, path.resolve("content"));
    // The import's own writes indexed everything: nothing to rebuild.
    expect(await ensureSearchIndex(db)).toBe(false);
    const found = await hits("kunjungan");
    const words = found.flatMap((h) =>
      marked(h.source, h.sourceHighlights).map((w) => w.toLowerCase()),
    );
    expect(words).toEqual(expect.arrayContaining(["kunjungan", "mengunjungi", "kunjungannya"]));
    // Every hit highlights at least one word, and only forms of the root.
    for (const h of found) {
      expect(h.sourceHighlights.length).toBeGreaterThan(0);
      for (const w of marked(h.source, h.sourceHighlights))
        expect(w.toLowerCase()).toMatch(
          /^(?:kunjungan(?:nya)?|mengunjungi|berkunjung|dikunjungi)$/,
        );
    }
    // The other way round: a meN- form finds the noun.
    expect((await hits("mengunjungi")).length).toBe(found.length);
  });

  it("finds dicari and pencarian for mencari, and nothing else", async () => {
    await article("pencarian", [
      ["Polisi masih mencari pelaku.", "Pelaku yang dicari sejak Senin akhirnya ditangkap."],
      ["Tim pencarian dikerahkan ke hutan.", "Cuaca cerah hari ini."],
    ]);
    const found = await hits("mencari");
    // The title ("Title pencarian") is not a hit: hits are the text's sentences.
    expect(found.map((h) => h.source).sort()).toEqual([
      "Pelaku yang dicari sejak Senin akhirnya ditangkap.",
      "Polisi masih mencari pelaku.",
      "Tim pencarian dikerahkan ke hutan.",
    ]);
    expect(found.flatMap((h) => marked(h.source, h.sourceHighlights)).sort()).toEqual([
      "dicari",
      "mencari",
      "pencarian",
    ]);
    // Every word must match; case and accents do not matter.
    expect((await hits("PENCARIAN pelaku")).map((h) => h.source).sort()).toEqual([
      "Pelaku yang dicari sejak Senin akhirnya ditangkap.",
      "Polisi masih mencari pelaku.",
    ]);
  });

  it("treats the last word as a prefix while it is not a complete word", async () => {
    await importArticles(db, path.resolve("content"));
    const partial = await hits("kunj");
    expect(partial.length).toBe((await hits("kunjungan")).length);
    expect(marked(partial[0]!.source, partial[0]!.sourceHighlights)[0]).toMatch(/kunjung|unjung/i);
  });

  it("groups hits by article, best first, with offsets that point at the matched words", async () => {
    await importArticles(db, path.resolve("content"));
    const { body } = await search("Kim Putin");
    expect(body).toMatchObject({ q: "Kim Putin", lang: "id", truncated: false });
    const slugs = body.articles.map((a) => a.slug);
    expect(slugs.length).toBeGreaterThan(1);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const a of body.articles) {
      expect(a.title).not.toBe("");
      for (const h of a.hits) {
        expect(h.translation).toBeNull();
        expect(h.translationHighlights).toEqual([]);
        const words = new Set(marked(h.source, h.sourceHighlights));
        expect(words.has("Kim") && words.has("Putin")).toBe(true);
      }
    }
    // Each hit belongs to the article it is listed under.
    const first = body.articles[0]!;
    const segment = await db.segment.findUniqueOrThrow({
      where: { id: first.hits[0]!.segmentId },
      include: { article: true },
    });
    expect(segment.article.slug).toBe(first.slug);
  });

  it("caps the hits and says so", async () => {
    await article("banyak", [
      Array.from({ length: 205 }, (_, i) => `Gajah nomor ${i + 1} berjalan.`),
    ]);
    const { body } = await search("gajah");
    expect(body.articles[0]!.hits).toHaveLength(200);
    expect(body.truncated).toBe(true);
  });
});

describe("GET /api/search, English", () => {
  it("finds translations with porter stemming, and follows corrections", async () => {
    const [a, b] = await article("kunjungan", [["Kim mengunjungi Rusia.", "Putin menyambutnya."]]);
    expect(await hits("visited", "en")).toEqual([]);
    await translate(a!.id, "Kim visits Russia.");
    await translate(b!.id, "Putin welcomed him.");
    const found = await hits("visited", "en");
    expect(found.map((h) => h.segmentId)).toEqual([a!.id]);
    expect(found[0]).toMatchObject({
      source: "Kim mengunjungi Rusia.",
      translation: "Kim visits Russia.",
      sourceHighlights: [],
    });
    expect(marked(found[0]!.translation, found[0]!.translationHighlights)).toEqual(["visits"]);

    // A correction replaces the indexed text: the old wording is gone, the new one found.
    await translate(a!.id, "Kim travelled to Russia.");
    expect(await hits("visits", "en")).toEqual([]);
    const corrected = await hits("travel russia", "en");
    expect(corrected.map((h) => h.translation)).toEqual(["Kim travelled to Russia."]);
    expect(marked(corrected[0]!.translation, corrected[0]!.translationHighlights)).toEqual([
      "travelled",
      "Russia",
    ]);
    // Indonesian search shows the current translation too.
    expect((await hits("rusia")).map((h) => h.translation)).toEqual(["Kim travelled to Russia."]);
  });
});

describe("the index follows the data", () => {
  it("indexes an added article, forgets an edited sentence, keeps unchanged ones and their translations", async () => {
    await importArticles(db, path.resolve("content"));
    expect(await hits("gajah")).toEqual([]);
    const [kept, changed] = await article("kebun", [
      ["Gajah itu makan pisang.", "Harimau tidur di kandang."],
    ]);
    await translate(kept!.id, "The elephant eats bananas.");
    await translate(changed!.id, "The tiger sleeps in the cage.");
    expect((await hits("gajah")).map((h) => h.segmentId)).toEqual([kept!.id]);
    expect((await hits("harimau")).map((h) => h.segmentId)).toEqual([changed!.id]);

    // Edit: the second sentence changes, the first is kept as it is.
    const after = await article("kebun", [["Gajah itu makan pisang.", "Singa berlari di padang."]]);
    expect(after.map((s) => s.id)[0]).toBe(kept!.id);
    expect(await hits("harimau")).toEqual([]);
    expect(await hits("tiger", "en")).toEqual([]);
    expect((await hits("berlari")).map((h) => h.source)).toEqual(["Singa berlari di padang."]);
    expect((await hits("gajah")).map((h) => h.segmentId)).toEqual([kept!.id]);
    expect((await hits("elephants", "en")).map((h) => h.segmentId)).toEqual([kept!.id]);
    // The retired sentence left the index itself, not only the results: it holds exactly the live rows.
    expect(await ensureSearchIndex(db)).toBe(false);
  });

  it("rebuilds an index that lost rows", async () => {
    await importArticles(db, path.resolve("content"));
    const before = await hits("kunjungan");
    await db.$executeRaw`DELETE FROM "SegmentSearch"`;
    // Lost behind the app's back: no write said so, so the kept search results are dropped here.
    changed(db, [tags.library]);
    expect(await hits("kunjungan")).toEqual([]);
    expect(await ensureSearchIndex(db)).toBe(true);
    expect(await hits("kunjungan")).toEqual(before);
  });
});

describe("glossary search", () => {
  const json = (method: string, body: unknown) =>
    new Request("http://localhost/x", { method, body: JSON.stringify(body) });
  const ctx = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

  it("finds entries by term and alias (id) and by translation (en), and follows edits and deletions", async () => {
    await importGlossaryFile(db, path.resolve("content/glossary.csv"));
    expect((await search("korut")).body.glossary.map((e) => e.term)).toContain("Korea Utara");
    const council = (await search("security councils", "en")).body.glossary;
    expect(council[0]).toMatchObject({
      term: "Dewan Keamanan PBB",
      translation: "UN Security Council",
    });
    expect(council[0]!.aliases).toContain("DK PBB");

    const created = (await (
      await createEntry(
        json("POST", {
          term: "Kebun Binatang Ragunan",
          translation: "Ragunan Zoo",
          aliases: ["Ragunan"],
          category: "place",
        }),
        undefined,
      )
    ).json()) as { id: number };
    expect((await search("kebun binatang")).body.glossary.map((e) => e.id)).toEqual([created.id]);
    await updateEntry(
      json("PUT", {
        term: "Kebun Binatang Ragunan",
        translation: "Ragunan Wildlife Park",
        aliases: [],
        category: "place",
        note: "",
      }),
      ctx(created.id),
    );
    expect((await search("zoo", "en")).body.glossary).toEqual([]);
    expect((await search("wildlife", "en")).body.glossary).toEqual([
      {
        id: created.id,
        term: "Kebun Binatang Ragunan",
        translation: "Ragunan Wildlife Park",
        aliases: [],
      },
    ]);
    await deleteEntry(new Request("http://localhost/x"), ctx(created.id));
    expect((await search("ragunan")).body.glossary).toEqual([]);
    expect(await ensureSearchIndex(db)).toBe(false);
  });
});

describe("input", () => {
  it("refuses an empty, blank, missing or oversized query and an unknown language with 422", async () => {
    for (const query of ["q=", "q=%20%20", "", `q=${"a".repeat(201)}`, "q=kim&lang=fr"]) {
      const response = await GET(new Request(`http://localhost/api/search?${query}`), undefined);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: string }).error).toEqual(expect.any(String));
    }
    expect((await search(`  ${"a".repeat(200)}  `)).status).toBe(200);
  });

  it("reads FTS syntax as plain words: hostile queries are 200, punctuation alone finds nothing", async () => {
    await importArticles(db, path.resolve("content"));
    for (const lang of ["id", "en"]) {
      for (const q of [
        '"foo" OR NEAR(',
        "NEAR(kim putin, 2)",
        "kim*",
        "^kim",
        "sourceStems:kim",
        'AND OR NOT "',
        "'; DROP TABLE Segment; --",
        "*",
        '"""',
        "(((",
        "-",
      ]) {
        const { status, body } = await search(q, lang);
        expect(status, `${lang}: ${q}`).toBe(200);
        expect(Array.isArray(body.articles)).toBe(true);
      }
      expect((await search("?!…", lang)).body).toMatchObject({ articles: [], glossary: [] });
    }
    // Operators are words like any other: "kim OR putin" needs all three.
    expect((await hits("kim OR putin")).length).toBeLessThan((await hits("kim putin")).length);
    expect(await db.segment.count()).toBeGreaterThan(0);
  });
});
