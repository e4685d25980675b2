import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as consistency } from "@/app/api/glossary/consistency/route";
import { GET as exportGlossary } from "@/app/api/glossary/export/route";
import {
  DELETE as deleteEntry,
  GET as getEntry,
  PUT as updateEntry,
} from "@/app/api/glossary/[id]/route";
import { GET as occurrences } from "@/app/api/glossary/[id]/occurrences/route";
import { POST as importGlossary } from "@/app/api/glossary/import/route";
import { GET as list, POST as create } from "@/app/api/glossary/route";
import { POST as dismiss } from "@/app/api/glossary/suggestions/dismiss/route";
import { GET as suggestions } from "@/app/api/glossary/suggestions/route";
import { saveArticle } from "@/lib/articles/store";
import { importArticles } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { appendRevision } from "@/lib/revisions/store";
import { freshDb } from "../helpers/db";

let db: Db;
const url = (p: string) => `http://localhost${p}`;
const json = (method: string, body: unknown) =>
  new Request(url("/x"), { method, body: JSON.stringify(body) });
const ctx = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
type Entry = {
  id: number;
  term: string;
  translation: string;
  aliases: string[];
  category: string;
  note: string;
  articleCount: number;
  occurrenceCount: number;
};

async function listed(query = ""): Promise<Entry[]> {
  return (await (
    await list(new Request(url(`/api/glossary${query}`)), undefined)
  ).json()) as Entry[];
}

beforeEach(async () => {
  db = freshDb().db;
  await importArticles(db, path.resolve("content"));
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
});

describe("the starting glossary", () => {
  it("is imported with counts from the seed articles, and importing again changes nothing", async () => {
    const all = await listed();
    expect(all.length).toBeGreaterThanOrEqual(40);
    const kcna = all.find((e) => e.term === "KCNA");
    expect(kcna?.articleCount).toBeGreaterThanOrEqual(3);
    const again = await importGlossaryFile(db, path.resolve("content/glossary.csv"));
    expect(again).toMatchObject({ created: 0, updated: 0, rejected: [] });
  });

  it("never overwrites an entry edited or deleted in the app", async () => {
    const korut = (await listed("?q=Korea%20Utara")).find((e) => e.term === "Korea Utara")!;
    await updateEntry(json("PUT", { ...korut, translation: "DPRK" }), ctx(korut.id));
    const rusia = (await listed("?q=Rusia")).find((e) => e.term === "Rusia")!;
    expect((await deleteEntry(new Request(url("/x")), ctx(rusia.id))).status).toBe(204);
    const report = await importGlossaryFile(db, path.resolve("content/glossary.csv"));
    expect(report?.keptUserEdits).toBe(2);
    expect((await listed()).find((e) => e.term === "Korea Utara")?.translation).toBe("DPRK");
    expect((await listed()).find((e) => e.term === "Rusia")).toBeUndefined();
  });
});

describe("GET /api/glossary", () => {
  it("searches term, translation and aliases, ignoring case and accents", async () => {
    expect((await listed("?q=korut")).map((e) => e.term)).toContain("Korea Utara");
    expect((await listed("?q=SECURITY%20council")).map((e) => e.translation)).toContain(
      "UN Security Council",
    );
    await create(
      json("POST", { term: "Kosmodróm Uji", translation: "Test Cosmodrome", category: "place" }),
      undefined,
    );
    expect((await listed("?q=kosmodrom%20uji")).map((e) => e.term)).toEqual(["Kosmodróm Uji"]);
  });

  it("filters by category and sorts by frequency", async () => {
    const people = await listed("?category=person&sort=frequency");
    expect(people.every((e) => e.category === "person")).toBe(true);
    const counts = people.map((e) => e.occurrenceCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(people[0]?.term).toMatch(/Kim Jong Un|Vladimir Putin/);
  });
});

describe("POST, PUT, DELETE /api/glossary", () => {
  it("creates an entry (201) and refuses a term or alias another entry has (409, naming it)", async () => {
    const created = await create(
      json("POST", {
        term: "Partai Buruh Uji",
        translation: "Test Labour Party",
        aliases: ["PBU"],
        category: "organization",
        note: "",
      }),
      undefined,
    );
    expect(created.status).toBe(201);
    const taken = await create(
      json("POST", {
        term: "Partai Lain",
        translation: "Other",
        aliases: ["DK PBB"],
        category: "organization",
      }),
      undefined,
    );
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: string }).error).toMatch(
      /"DK PBB" already belongs to the glossary entry "Dewan Keamanan PBB"/,
    );
  });

  it("refuses invalid input with 422 and unknown ids with 404", async () => {
    expect(
      (await create(json("POST", { term: "", translation: "x", category: "place" }), undefined))
        .status,
    ).toBe(422);
    expect(
      (await create(json("POST", { term: "X", translation: "x", category: "planet" }), undefined))
        .status,
    ).toBe(422);
    expect(
      (
        await updateEntry(
          json("PUT", { term: "X", translation: "x", category: "place" }),
          ctx(99999),
        )
      ).status,
    ).toBe(404);
    expect((await deleteEntry(new Request(url("/x")), ctx(99999))).status).toBe(404);
    expect((await getEntry(new Request(url("/x")), ctx("nope"))).status).toBe(404);
  });

  it("accepts 50 aliases and refuses a 51st with a clear 422, changing nothing", async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `Ejaan ${i + 1}`);
    const over = await create(
      json("POST", {
        term: "Banyak Nama",
        translation: "Many Names",
        category: "phrase",
        aliases: aliases(51),
      }),
      undefined,
    );
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({
      code: "glossaryTooManyAliases",
      params: { field: "aliases", maximum: 50 },
    });
    expect((await listed("?q=Banyak%20Nama")).length).toBe(0);
    const ok = await create(
      json("POST", {
        term: "Banyak Nama",
        translation: "Many Names",
        category: "phrase",
        aliases: aliases(50),
      }),
      undefined,
    );
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as Entry;
    const grown = await updateEntry(
      json("PUT", {
        term: "Banyak Nama",
        translation: "Many Names",
        category: "phrase",
        aliases: aliases(10_000),
      }),
      ctx(id),
    );
    expect(grown.status).toBe(422);
    expect(
      ((await (await getEntry(new Request(url("/x")), ctx(id))).json()) as Entry).aliases,
    ).toHaveLength(50);
  });

  it("marks the machine translations that use a changed entry as out of date, and only flags human ones", async () => {
    await saveArticle(
      db,
      {
        slug: "t",
        title: "t",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [["Politbiro bersidang.", "Politbiro bertemu lagi."]],
      },
      "form",
    );
    const [a, b] = await db.segment.findMany({
      where: { article: { slug: "t" }, kind: "sentence" },
      orderBy: { position: "asc" },
    });
    await db.$transaction((tx) =>
      appendRevision(tx, {
        segmentId: a!.id,
        baseRevisionId: null,
        origin: "machine",
        event: "translate",
        text: "The Politburo met.",
      }),
    );
    await db.$transaction((tx) =>
      appendRevision(tx, {
        segmentId: b!.id,
        baseRevisionId: null,
        origin: "human",
        event: "edit",
        text: "The Politburo met again.",
      }),
    );
    const politbiro = (await listed("?q=Politbiro"))[0]!;
    await updateEntry(
      json("PUT", { ...politbiro, translation: "Political Bureau" }),
      ctx(politbiro.id),
    );
    const after = await db.segment.findMany({
      where: { article: { slug: "t" }, kind: "sentence" },
      orderBy: { position: "asc" },
      include: { currentRevision: true },
    });
    expect(after.map((s) => s.outdatedAt !== null)).toEqual([true, true]);
    expect(after[1]?.currentRevision?.text).toBe("The Politburo met again.");
  });
});

describe("concordance, consistency, suggestions", () => {
  it("lists every sentence that uses an entry, with where it occurs", async () => {
    const kcna = (await listed("?q=KCNA")).find((e) => e.term === "KCNA")!;
    const rows = (await (await occurrences(new Request(url("/x")), ctx(kcna.id))).json()) as {
      articleSlug: string;
      source: string;
      spans: { start: number; end: number }[];
    }[];
    expect(rows.reduce((n, r) => n + r.spans.length, 0)).toBe(kcna.occurrenceCount);
    expect(kcna.occurrenceCount).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.articleSlug)).size).toBe(kcna.articleCount);
    for (const r of rows)
      for (const s of r.spans)
        expect(["KCNA", "KNCA", "Kantor Berita Pusat Korea"]).toContain(
          r.source.slice(s.start, s.end),
        );
  });

  it("reports sentences whose translation lacks a term's rendering", async () => {
    await saveArticle(
      db,
      {
        slug: "c",
        title: "c",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [["DK PBB bersidang.", "Politbiro bersidang."]],
      },
      "form",
    );
    const [a, b] = await db.segment.findMany({
      where: { article: { slug: "c" }, kind: "sentence" },
      orderBy: { position: "asc" },
    });
    await db.$transaction((tx) =>
      appendRevision(tx, {
        segmentId: a!.id,
        baseRevisionId: null,
        origin: "machine",
        event: "translate",
        text: "The Security Council met.",
      }),
    );
    await db.$transaction((tx) =>
      appendRevision(tx, {
        segmentId: b!.id,
        baseRevisionId: null,
        origin: "machine",
        event: "translate",
        text: "The Politburo met.",
      }),
    );
    const report = (await (
      await consistency(new Request(url("/api/glossary/consistency?article=c")), undefined)
    ).json()) as { segmentId: number; missing: { translation: string }[] }[];
    expect(report).toEqual([
      expect.objectContaining({
        segmentId: a!.id,
        missing: [expect.objectContaining({ translation: "UN Security Council" })],
      }),
    ]);
    expect(
      (await consistency(new Request(url("/api/glossary/consistency?article=zzz")), undefined))
        .status,
    ).toBe(404);
  });

  it("suggests recurring terms not in the glossary, and a dismissed one stays dismissed", async () => {
    const first = (await (await suggestions(new Request(url("/x")), undefined)).json()) as {
      text: string;
      articleCount: number;
    }[];
    expect(first.length).toBeGreaterThan(0);
    const top = first[0]!;
    expect((await dismiss(json("POST", { text: top.text }), undefined)).status).toBe(204);
    await saveArticle(
      db,
      {
        slug: "more",
        title: "more",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [[`${top.text} lagi.`]],
      },
      "form",
    );
    const after = (await (await suggestions(new Request(url("/x")), undefined)).json()) as {
      text: string;
    }[];
    expect(after.map((s) => s.text)).not.toContain(top.text);
  });
});

describe("import and export", () => {
  it("imports a semicolon CSV with a BOM, as a spreadsheet on an Indonesian-locale machine saves it", async () => {
    const csv =
      "\uFEFFterm;translation;aliases;category;note\r\n" +
      'Istana Merdeka;Merdeka Palace;Istana Negara;place;"Jakarta; Indonesia"\r\n' +
      "Inflasi Tahunan;Annual Inflation;;phrase;naik 5,2 persen\r\n";
    const response = await importGlossary(json("POST", { format: "csv", content: csv }), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 2, updated: 0, rejected: [] });
    const [palace] = await listed("?q=merdeka%20palace");
    expect(palace).toMatchObject({
      term: "Istana Merdeka",
      aliases: ["Istana Negara"],
      category: "place",
      note: "Jakarta; Indonesia",
    });
    expect((await listed("?q=inflasi"))[0]?.note).toBe("naik 5,2 persen");
  });

  it("imports a tab-separated file", async () => {
    const tsv = "term\ttranslation\tcategory\nIbu Kota Baru\tNew Capital\tplace\n";
    const response = await importGlossary(json("POST", { format: "csv", content: tsv }), undefined);
    expect(response.status).toBe(200);
    expect((await listed("?q=new%20capital")).map((e) => e.term)).toEqual(["Ibu Kota Baru"]);
  });

  it.each([
    ["with an existing entry", "Korea Selatan Baru,New South Korea,Korut,place,"],
    // Caught only when written: the same spelling twice in one entry.
    ["inside its own row", "Korea Baru,New Korea,korea baru,place,"],
  ])("imports nothing when the last row conflicts %s", async (_name, lastRow) => {
    const before = await listed();
    const csv = [
      "term,translation,aliases,category,note",
      "Istana Merdeka,Merdeka Palace,,place,",
      "Inflasi Tahunan,Annual Inflation,,phrase,",
      lastRow,
    ].join("\n");
    const response = await importGlossary(json("POST", { format: "csv", content: csv }), undefined);
    expect([409, 422]).toContain(response.status);
    expect(JSON.stringify(await response.json())).toMatch(/Korut|korea baru/i);
    expect(await listed()).toEqual(before);
    expect(await listed("?q=merdeka")).toEqual([]);
  });

  it("refuses a CSV with a broken quote, naming the line, and imports nothing", async () => {
    const count = (await listed()).length;
    const csv = 'term,translation,category\nSatu,One,phrase\n"Dua,Two,phrase\n';
    const response = await importGlossary(json("POST", { format: "csv", content: csv }), undefined);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; code: string };
    expect(body.code).toBe("glossaryFileUnreadable");
    expect(body.error).toMatch(/Quote Not Closed.*line 3/);
    expect((await listed()).length).toBe(count);
  });

  it.each([
    [
      "an entity bomb",
      '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<martif><text><body><termEntry><note>&c;</note></termEntry></body></text></martif>',
      /Unknown entity &c;.*line 3/,
    ],
    [
      "an external entity",
      '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<martif><text><body><termEntry><note>&x;</note></termEntry></body></text></martif>',
      /Unknown entity &x;.*line 2/,
    ],
  ])("refuses a TBX file with %s, with a 422 naming the line", async (_name, tbx, message) => {
    const count = (await listed()).length;
    const response = await importGlossary(json("POST", { format: "tbx", content: tbx }), undefined);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; code: string };
    expect(body.code).toBe("glossaryFileUnreadable");
    expect(body.error).toMatch(message);
    expect((await listed()).length).toBe(count);
  });

  it("exports CSV and TBX that import back unchanged", async () => {
    const before = await listed();
    for (const format of ["csv", "tbx"] as const) {
      const file = await (
        await exportGlossary(new Request(url(`/api/glossary/export?format=${format}`)), undefined)
      ).text();
      const response = await importGlossary(json("POST", { format, content: file }), undefined);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        created: 0,
        updated: before.length,
        rejected: [],
      });
    }
    expect((await listed()).map((e) => [e.term, e.translation, e.aliases])).toEqual(
      before.map((e) => [e.term, e.translation, e.aliases]),
    );
  });

  it("rejects a file with a bad row, says which and why, and imports nothing", async () => {
    const count = (await listed()).length;
    const csv =
      "term,translation,aliases,category,note\nIstilah Baru,New Term,,phrase,\nIstilah Lain,,,phrase,\nKorea Lain,Other Korea,Korut,place,\n";
    const response = await importGlossary(json("POST", { format: "csv", content: csv }), undefined);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { rejected: { row: number; reason: string }[] };
    expect(body.rejected.map((r) => r.row)).toEqual([3, 4]);
    expect(body.rejected[1]?.reason).toMatch(/Korut/);
    expect((await listed()).length).toBe(count);
    const broken = await importGlossary(
      json("POST", { format: "tbx", content: "<martif><text>" }),
      undefined,
    );
    expect(broken.status).toBe(422);
  });
});
