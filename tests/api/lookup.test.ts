import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as lookup } from "@/app/api/lookup/route";
import { importArticles } from "@/lib/content/import";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { freshDb } from "../helpers/db";

const get = async (word: string) =>
  lookup(new Request(`http://localhost/api/lookup?word=${encodeURIComponent(word)}`), undefined);

beforeAll(async () => {
  const { db } = freshDb();
  await importArticles(db, path.resolve("content"));
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
});

describe("GET /api/lookup", () => {
  it("gives the root, English senses and the library's other sentences with that root", async () => {
    const body = (await (await get("persenjataannya")).json()) as {
      root: string;
      senses: { gloss: string }[];
      uses: { slug: string; source: string }[];
    };
    expect(body.root).toBe("senjata");
    expect(body.senses.map((s) => s.gloss)).toContain("weapon");
    expect(body.uses.length).toBeGreaterThan(3);
    expect(body.uses.every((u) => /senjata/i.test(u.source))).toBe(true);
  });

  it("names the glossary entry a word belongs to", async () => {
    const body = (await (await get("Politbiro")).json()) as {
      glossary?: { term: string; translation: string };
    };
    expect(body.glossary).toMatchObject({ term: "Politbiro", translation: "Politburo" });
  });

  it("says a word is not in the dictionary but still gives its root and uses", async () => {
    const body = (await (await get("Shoigu")).json()) as {
      root: string;
      senses: unknown[];
      uses: unknown[];
    };
    expect(body.senses).toEqual([]);
    expect(body.root).toBe("shoigu");
    expect(body.uses.length).toBeGreaterThan(0);
  });

  it("refuses an empty or non-word query with 422", async () => {
    expect((await get("")).status).toBe(422);
    expect((await get("1234")).status).toBe(422);
  });
});
