import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { listEntries } from "@/lib/glossary/list";
import { updateEntry } from "@/lib/glossary/write";
import { translateWithGlossary } from "@/lib/glossary/translate";
import type { SentenceRequest } from "@/lib/translation/decode";
import { TransformersEngine } from "@/lib/translation/engine";
import { resolveModelSource } from "@/lib/translation/model-source";
import { repeatedRun } from "@/lib/translation/output-check";
import { freshDb } from "../helpers/db";

// The stand-in for a real opus-mt model: generated the same way as the main
// fixture, but never trained on placeholders.
const engine = new TransformersEngine(resolveModelSource("tests/fixtures/tiny-marian-plain"));

async function glossaryDb(): Promise<Db> {
  const db = freshDb().db;
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
  return db;
}

async function setRendering(db: Db, term: string, translation: string) {
  const entry = (await listEntries(db, { q: term })).find((e) => e.term === term)!;
  await updateEntry(db, entry.id, { ...entry, translation });
}

function counting() {
  const calls: SentenceRequest[][] = [];
  return {
    calls,
    translate: (requests: SentenceRequest[]) => {
      calls.push(requests);
      return engine.translateBatch(requests);
    },
  };
}

describe("translation with the glossary (model never trained on placeholders)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await glossaryDb();
  });

  it("keeps a plain output that already renders every term, exactly, in one call", async () => {
    const { calls, translate } = counting();
    const [out] = await translateWithGlossary(db, ["DK PBB mengecam Korut."], translate);
    expect(calls).toEqual([[{ source: "DK PBB mengecam Korut.", guard: "normal" }]]);
    expect(out).toMatchObject({
      text: "The UN Security Council condemned North Korea.",
      flags: [],
      calls: 1,
    });
    expect(out!.confidence).toBeGreaterThan(0.9);
  });

  it("never sends placeholders to the model", async () => {
    const { calls, translate } = counting();
    await translateWithGlossary(db, ["Politbiro menggelar rapat di Pyongyang."], translate);
    expect(calls.flat().every((r) => !/TERM\d/.test(r.source))).toBe(true);
  });
});

describe("steering toward a rendering the plain output lacks", () => {
  it("writes the glossary's rendering into the second decoding, only for that sentence", async () => {
    const db = await glossaryDb();
    await setRendering(db, "Korea Utara", "the DPRK");
    const { calls, translate } = counting();
    const [steered, untouched] = await translateWithGlossary(
      db,
      ["DK PBB mengecam Korut.", "Kim bertemu Xi di Beijing."],
      translate,
    );
    expect(steered!.text).toContain("DPRK");
    expect(steered!.text).toContain("UN Security Council");
    expect(steered!.flags).toEqual([]);
    expect(steered!.calls).toBe(2);
    expect(untouched).toMatchObject({ text: "Kim met Xi in Beijing.", calls: 1 });
    // The second call carried only the sentence that needed it, steered to the missing rendering.
    expect(calls[1]).toEqual([
      expect.objectContaining({
        source: "DK PBB mengecam Korut.",
        steer: [{ text: "the DPRK", at: expect.any(Number) }],
      }),
    ]);
  });

  it("flags termMissing, keeping the plain output, when the model cannot spell the rendering", async () => {
    const db = await glossaryDb();
    await setRendering(db, "Korea Utara", "Северная Корея");
    const [out] = await translateWithGlossary(db, ["DK PBB mengecam Korut."], (r) =>
      engine.translateBatch(r),
    );
    expect(out).toMatchObject({
      text: "The UN Security Council condemned North Korea.",
      flags: ["termMissing"],
      calls: 2,
    });
  });
});

describe("loop guards", () => {
  it("never returns a plain output that repeats a word three times in a row", async () => {
    const db = await glossaryDb();
    const sources = [
      "Dalam pertemuan Politbiro pada Rabu (20/9/2023), Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA) pada Jumat (22/9/2023).",
      "Kim bertemu Putin di Rusia.",
    ];
    const [long, known] = await translateWithGlossary(db, sources, (r) => engine.translateBatch(r));
    // Its plain output loops ("Korea Korea Korea"): it was tried again, and
    // what is kept either repeats nothing or is flagged.
    expect(long!.calls).toBe(2);
    if (repeatedRun(long!.text) !== null) expect(long!.flags).toContain("degenerate");
    expect(known).toMatchObject({ text: "Kim met Putin in Russia.", flags: [], calls: 1 });
  });
});
