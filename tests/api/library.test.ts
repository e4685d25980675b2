import { beforeAll, describe, expect, it } from "vitest";
import { saveArticle } from "@/lib/articles/store";
import { LIBRARY_PAGE_SIZE, libraryPage, listArticles } from "@/lib/articles/library";
import type { Db } from "@/lib/db/client";
import { reviewTranslation, saveTranslation } from "@/lib/revisions/corrections";
import { freshDb } from "../helpers/db";
import { addMachineTranslation } from "../helpers/library";

let db: Db;
const ARTICLES = 2 * LIBRARY_PAGE_SIZE + 7;

async function segmentsOf(slug: string) {
  return db.segment.findMany({
    where: { article: { slug }, kind: "sentence" },
    orderBy: { position: "asc" },
    include: { currentRevision: true },
  });
}

beforeAll(async () => {
  db = freshDb().db;
  for (let i = 0; i < ARTICLES; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String(Math.floor(i / 28) + 1).padStart(2, "0");
    await saveArticle(
      db,
      {
        slug: `artikel-${i}`,
        title: `Artikel ${String(i).padStart(3, "0")}`,
        source: i % 3 === 0 ? "Antara" : "Kompas",
        // Two without a date, to check they come last.
        publishedAt: i < 2 ? null : `2024-${month}-${day}`,
        language: "id",
        paragraphs: [[`Kalimat pertama ${i}.`, `Kalimat kedua ${i}.`]],
      },
      "form",
    );
  }
  // artikel-10: fully translated and checked; artikel-11: half translated; artikel-12: translated, one checked.
  for (const slug of ["artikel-10", "artikel-12"]) {
    for (const s of await segmentsOf(slug)) await addMachineTranslation(db, s.id, "A sentence.");
  }
  const [first11] = await segmentsOf("artikel-11");
  await addMachineTranslation(db, first11!.id, "First.");
  for (const s of await segmentsOf("artikel-10"))
    await saveTranslation(db, s.id, { text: "Checked.", baseRevisionId: s.currentRevisionId! });
  const [first12] = await segmentsOf("artikel-12");
  await reviewTranslation(db, first12!.id, { baseRevisionId: first12!.currentRevisionId! });
});

describe("the library, page by page", () => {
  it("pages through every article once, newest first, undated last", async () => {
    const first = await libraryPage(db, {});
    expect(first).toMatchObject({ total: ARTICLES, page: 1, pageCount: 3 });
    expect(first.articles).toHaveLength(LIBRARY_PAGE_SIZE);
    const seen = [...first.articles];
    for (let page = 2; page <= first.pageCount; page++)
      seen.push(...(await libraryPage(db, { page })).articles);
    expect(new Set(seen.map((a) => a.slug)).size).toBe(ARTICLES);
    const dates = seen.map((a) => a.publishedAt);
    expect(dates.slice(-2)).toEqual([null, null]);
    const dated = dates.slice(0, -2) as string[];
    expect(dated).toEqual([...dated].sort().reverse());
    // The same order and counts as the whole list the API returns.
    expect(seen).toEqual(await listArticles(db));
  });

  it("clamps a page past the end to the last one", async () => {
    const last = await libraryPage(db, { page: 99 });
    expect(last.page).toBe(3);
    expect(last.articles).toHaveLength(ARTICLES - 2 * LIBRARY_PAGE_SIZE);
  });

  it("counts each article's sentences, translations and checks", async () => {
    const all = await listArticles(db);
    const bySlug = new Map(all.map((a) => [a.slug, a]));
    expect(bySlug.get("artikel-10")).toMatchObject({
      segmentCount: 2,
      translatedCount: 2,
      reviewedCount: 2,
    });
    expect(bySlug.get("artikel-11")).toMatchObject({ translatedCount: 1, reviewedCount: 0 });
    expect(bySlug.get("artikel-12")).toMatchObject({ translatedCount: 2, reviewedCount: 1 });
    expect(bySlug.get("artikel-13")).toMatchObject({ segmentCount: 2, translatedCount: 0 });
  });

  it("filters by source, translation state, review state and title words", async () => {
    const antara = await libraryPage(db, { source: "Antara" });
    expect(antara.total).toBe(Math.ceil(ARTICLES / 3));
    expect(antara.articles.every((a) => a.source === "Antara")).toBe(true);
    expect(antara.sources).toEqual(["Antara", "Kompas"]);

    const slugs = async (q: Parameters<typeof libraryPage>[1]) =>
      (await libraryPage(db, q)).articles.map((a) => a.slug).sort();
    expect(await slugs({ translation: "translated" })).toEqual(["artikel-10", "artikel-12"]);
    expect(await slugs({ translation: "partial" })).toEqual(["artikel-11"]);
    expect((await libraryPage(db, { translation: "untranslated" })).total).toBe(ARTICLES - 3);
    expect(await slugs({ review: "checked" })).toEqual(["artikel-10"]);
    expect(await slugs({ review: "partial" })).toEqual(["artikel-12"]);
    expect(await slugs({ translation: "translated", review: "partial" })).toEqual(["artikel-12"]);
    expect(await slugs({ review: "checked", source: "Antara" })).toEqual([]);
    expect(await slugs({ q: "artikel 012" })).toEqual(["artikel-12"]);
    // LIKE's wildcards are taken literally.
    expect((await libraryPage(db, { q: "_" })).total).toBe(0);
    expect((await libraryPage(db, { q: "%" })).total).toBe(0);
    // Case does not matter, on every database.
    expect(await slugs({ q: "ARTIKEL 011" })).toEqual(["artikel-11"]);
    expect((await libraryPage(db, { q: "kompas" })).total).toBe(ARTICLES - Math.ceil(ARTICLES / 3));
  });
});
