import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { GLOSSARY_PAGE_SIZE, listEntries, listEntriesPage } from "@/lib/glossary/list";
import { saveEntries } from "@/lib/glossary/write";
import { freshDb } from "../helpers/db";

let db: Db;
const ENTRIES = 2 * GLOSSARY_PAGE_SIZE + 13;

beforeAll(async () => {
  db = freshDb().db;
  await saveEntries(
    db,
    Array.from({ length: ENTRIES }, (_, i) => ({
      id: null,
      input: {
        term: `Istilah ${String(i).padStart(4, "0")}`,
        translation: `Term ${i}`,
        aliases: i % 10 === 0 ? [`Alias ${i}`] : [],
        category: i % 2 === 0 ? ("organization" as const) : ("place" as const),
        note: "",
      },
    })),
  );
});

describe("the glossary list, page by page", () => {
  it("pages through every entry once, in name order", async () => {
    const first = await listEntriesPage(db, {});
    expect(first).toMatchObject({ total: ENTRIES, page: 1, pageCount: 3 });
    expect(first.entries).toHaveLength(GLOSSARY_PAGE_SIZE);
    const seen = [...first.entries];
    for (let page = 2; page <= 3; page++)
      seen.push(...(await listEntriesPage(db, {}, page)).entries);
    expect(seen.map((e) => e.term)).toEqual(
      Array.from({ length: ENTRIES }, (_, i) => `Istilah ${String(i).padStart(4, "0")}`),
    );
    expect(seen).toEqual(await listEntries(db));
    expect((await listEntriesPage(db, {}, 50)).page).toBe(3);
  });

  it("pages a filtered list", async () => {
    const places = await listEntriesPage(db, { category: "place" });
    expect(places.total).toBe(Math.floor(ENTRIES / 2));
    expect(places.pageCount).toBe(2);
    expect(places.entries.every((e) => e.category === "place")).toBe(true);
    const aliased = await listEntriesPage(db, { q: "alias 2" });
    expect(aliased.entries.map((e) => e.term)).toEqual(
      ["0020", "0200", "0210"].map((n) => `Istilah ${n}`),
    );
  });
});
