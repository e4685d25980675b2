import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportArticle } from "@/app/api/articles/[slug]/export/route";
import { GET as exportTmx } from "@/app/api/export/tmx/route";
import { GET as history } from "@/app/api/segments/[id]/history/route";
import { POST as revert } from "@/app/api/segments/[id]/revert/route";
import { POST as review } from "@/app/api/segments/[id]/review/route";
import { GET as suggestions } from "@/app/api/segments/[id]/suggestions/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import type { Db } from "@/lib/db/client";
import { parseTmx } from "@/lib/export/tmx";
import { freshDb } from "../helpers/db";
import { addArticle, addMachineTranslation } from "../helpers/library";

let db: Db;
const ctx = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const req = (method: string, body?: unknown) =>
  new Request("http://localhost/x", {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const article = (slug: string, paragraphs: string[][]) => addArticle(db, slug, paragraphs);
const machine = (segmentId: number, text: string) => addMachineTranslation(db, segmentId, text);

async function current(segmentId: number) {
  return (
    await db.segment.findUniqueOrThrow({
      where: { id: segmentId },
      include: { currentRevision: true },
    })
  ).currentRevision;
}

beforeEach(() => {
  db = freshDb().db;
});

describe("PUT /api/segments/:id/translation", () => {
  it("saves a correction as a new human revision", async () => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const m = await machine(s!.id, "Kim meets Putin in Russia.");
    const response = await saveTranslation(
      req("PUT", { text: "  Kim met Putin in Russia. ", baseRevisionId: m.id }),
      ctx(s!.id),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { revisionId: number; text: string; origin: string };
    expect(body).toMatchObject({ text: "Kim met Putin in Russia.", origin: "human" });
    expect((await current(s!.id))?.id).toBe(body.revisionId);
    expect(await db.revision.count({ where: { segmentId: s!.id } })).toBe(2);
  });

  it("refuses a stale base revision with 409 and the current text, storing nothing", async () => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const m = await machine(s!.id, "machine");
    const first = await saveTranslation(
      req("PUT", { text: "First", baseRevisionId: m.id }),
      ctx(s!.id),
    );
    const { revisionId } = (await first.json()) as { revisionId: number };
    const second = await saveTranslation(
      req("PUT", { text: "Second", baseRevisionId: m.id }),
      ctx(s!.id),
    );
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ current: { revisionId, text: "First" } });
    expect(await db.revision.count({ where: { segmentId: s!.id } })).toBe(2);
  });

  it("gives 50 simultaneous saves on the same base exactly one 201 and 49 409s", async () => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const m = await machine(s!.id, "machine");
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        saveTranslation(req("PUT", { text: `Version ${i}`, baseRevisionId: m.id }), ctx(s!.id)),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(49);
    expect(await db.revision.count({ where: { segmentId: s!.id } })).toBe(2);
  }, 120_000);

  it.each([
    ["empty text", { text: "   ", baseRevisionId: null }, /empty/],
    [
      "text over 5,000 characters",
      { text: "a".repeat(5001), baseRevisionId: null },
      /longer than 5,000/,
    ],
    [
      "control characters",
      { text: "Kim\u0007 met Putin", baseRevisionId: null },
      /control characters/,
    ],
    ["a line break", { text: "Kim met\nPutin", baseRevisionId: null }, /control characters/],
    ["no base revision field", { text: "Kim met Putin" }, /baseRevisionId/],
  ])("refuses %s with 422 and stores nothing", async (_name, body, message) => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const response = await saveTranslation(req("PUT", body), ctx(s!.id));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(await db.revision.count()).toBe(0);
  });

  it("stores text that looks like HTML exactly as typed", async () => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const text = `<img src=x onerror="alert(1)"> & <script>alert("x")</script>`;
    const response = await saveTranslation(req("PUT", { text, baseRevisionId: null }), ctx(s!.id));
    expect(response.status).toBe(201);
    expect((await current(s!.id))?.text).toBe(text);
  });

  it("answers 404 for an unknown segment", async () => {
    expect(
      (await saveTranslation(req("PUT", { text: "x", baseRevisionId: null }), ctx(999999))).status,
    ).toBe(404);
    expect(
      (await saveTranslation(req("PUT", { text: "x", baseRevisionId: null }), ctx("abc"))).status,
    ).toBe(404);
  });
});

describe("translation memory", () => {
  it("gives a correction to the same sentence in other articles, but not to one with its own human revision", async () => {
    const [a] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const [b] = await article("b", [["Kim  bertemu Putin di Rusia."]]);
    const [c] = await article("c", [["kim bertemu Putin di Rusia."]]);
    const [d] = await article("d", [["Kim bertemu “Putin” di Rusia."]]);
    await machine(b!.id, "machine b");
    const own = await saveTranslation(
      req("PUT", { text: "C's own translation.", baseRevisionId: null }),
      ctx(c!.id),
    );
    expect(own.status).toBe(201);
    // c's correction already reached a and b through memory.
    const aMemory = await current(a!.id);
    expect(aMemory).toMatchObject({ origin: "memory", text: "C's own translation." });

    const response = await saveTranslation(
      req("PUT", { text: "Kim met Putin in Russia.", baseRevisionId: aMemory!.id }),
      ctx(a!.id),
    );
    expect(((await response.json()) as { propagated: number }).propagated).toBe(1);
    expect(await current(b!.id)).toMatchObject({
      origin: "memory",
      text: "Kim met Putin in Russia.",
    });
    expect(await current(c!.id)).toMatchObject({ origin: "human", text: "C's own translation." });
    // Quotes are normalized for matching: “Putin” vs "Putin" — but d has quotes a does not, so it is a different sentence.
    expect(await current(d!.id)).toBeNull();
  });

  it("fills a new article's identical sentences from memory before any model runs", async () => {
    const [a] = await article("a", [["Xi bertemu Kim di Pyongyang."]]);
    await saveTranslation(
      req("PUT", { text: "Xi met Kim in Pyongyang.", baseRevisionId: null }),
      ctx(a!.id),
    );
    const [n] = await article("new", [["Xi bertemu Kim di Pyongyang."]]);
    expect(await current(n!.id)).toMatchObject({
      origin: "memory",
      text: "Xi met Kim in Pyongyang.",
    });
  });

  it("offers a near match as a suggestion with its percentage and differences", async () => {
    const [a, other] = await article("a", [
      [
        "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Vladivostok pada hari Rabu.",
        "Cuaca cerah.",
      ],
    ]);
    await saveTranslation(
      req("PUT", {
        text: "Russian President Vladimir Putin met Kim Jong Un in Vladivostok on Wednesday.",
        baseRevisionId: null,
      }),
      ctx(a!.id),
    );
    const [near] = await article("b", [
      ["Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Vladivostok pada hari Kamis."],
    ]);
    const response = await suggestions(req("GET"), ctx(near!.id));
    const list = (await response.json()) as {
      percent: number;
      translation: string;
      diff: { value: string; type: string }[];
    }[];
    expect(list).toHaveLength(1);
    expect(list[0]?.percent).toBeGreaterThanOrEqual(75);
    expect(list[0]?.percent).toBeLessThan(100);
    expect(list[0]?.translation).toContain("Wednesday");
    expect(list[0]?.diff.filter((p) => p.type === "added").map((p) => p.value.trim())).toEqual([
      "Kamis",
    ]);
    const none = (await (await suggestions(req("GET"), ctx(other!.id))).json()) as unknown[];
    expect(none).toEqual([]);
  });
});

describe("history, review and revert", () => {
  it("lists revisions oldest first with word diffs, and a revert adds a revision with the old text", async () => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const m = await machine(s!.id, "Kim meets Putin in Russia.");
    const saved = (await (
      await saveTranslation(
        req("PUT", { text: "Kim met Putin in Russia.", baseRevisionId: m.id }),
        ctx(s!.id),
      )
    ).json()) as { revisionId: number };
    const list = (await (await history(req("GET"), ctx(s!.id))).json()) as {
      revisionId: number;
      origin: string;
      current: boolean;
      diff: { value: string; type: string }[] | null;
    }[];
    expect(list.map((r) => [r.origin, r.current])).toEqual([
      ["machine", false],
      ["human", true],
    ]);
    expect(list[0]?.diff).toBeNull();
    expect(list[1]?.diff?.filter((p) => p.type !== "same").map((p) => [p.type, p.value])).toEqual([
      ["removed", "meets"],
      ["added", "met"],
    ]);

    const reverted = await revert(
      req("POST", { revisionId: m.id, baseRevisionId: saved.revisionId }),
      ctx(s!.id),
    );
    expect(reverted.status).toBe(201);
    expect(await current(s!.id)).toMatchObject({
      origin: "human",
      event: "revert",
      text: "Kim meets Putin in Russia.",
    });
    expect(await db.revision.count({ where: { segmentId: s!.id } })).toBe(3);
  });

  it("marks a machine translation as reviewed without changing it", async () => {
    const [s] = await article("a", [["Kim bertemu Putin di Rusia."]]);
    const m = await machine(s!.id, "Kim met Putin in Russia.");
    const response = await review(req("POST", { baseRevisionId: m.id }), ctx(s!.id));
    expect(response.status).toBe(201);
    expect(await current(s!.id)).toMatchObject({
      origin: "machine",
      event: "review",
      text: "Kim met Putin in Russia.",
    });
    expect((await review(req("POST", { baseRevisionId: m.id }), ctx(s!.id))).status).toBe(409);
    expect((await review(req("POST", { baseRevisionId: m.id }), ctx(424242))).status).toBe(404);
  });

  it("answers 404 for the history of an unknown segment", async () => {
    expect((await history(req("GET"), ctx(31337))).status).toBe(404);
  });
});

describe("exports", () => {
  it("exports a bilingual article without unsaved drafts, and TMX of corrected or reviewed segments that reads back", async () => {
    const [a, b, c] = await article("a", [
      ["Kim bertemu Putin di Rusia.", "Xi bertemu Kim di Pyongyang."],
      ["Cuaca cerah."],
    ]);
    const m = await machine(a!.id, "Kim met Putin in Russia.");
    await review(req("POST", { baseRevisionId: m.id }), ctx(a!.id));
    await saveTranslation(
      req("PUT", { text: "Xi met <Kim> & co in Pyongyang.", baseRevisionId: null }),
      ctx(b!.id),
    );
    await machine(c!.id, "The weather is fine.");

    const html = await (
      await exportArticle(new Request("http://localhost/x?format=html&layout=interleaved"), {
        params: Promise.resolve({ slug: "a" }),
      })
    ).text();
    expect(html).toContain("Xi met &lt;Kim&gt; &amp; co in Pyongyang.");
    expect(html).toContain('lang="id"');
    const md = await (
      await exportArticle(new Request("http://localhost/x?format=md"), {
        params: Promise.resolve({ slug: "a" }),
      })
    ).text();
    expect(md).toContain("The weather is fine.");
    const bad = await exportArticle(new Request("http://localhost/x?format=pdf"), {
      params: Promise.resolve({ slug: "a" }),
    });
    expect(bad.status).toBe(422);
    expect(
      (
        await exportArticle(new Request("http://localhost/x"), {
          params: Promise.resolve({ slug: "zzz" }),
        })
      ).status,
    ).toBe(404);

    const tmx = await (
      await exportTmx(new Request("http://localhost/api/export/tmx"), undefined)
    ).text();
    const units = parseTmx(tmx);
    expect(units.map((u) => [u.source, u.target])).toEqual([
      ["Kim bertemu Putin di Rusia.", "Kim met Putin in Russia."],
      ["Xi bertemu Kim di Pyongyang.", "Xi met <Kim> & co in Pyongyang."],
    ]);
  });
});
