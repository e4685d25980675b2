import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { listEntries } from "@/lib/glossary/list";
import { updateEntry } from "@/lib/glossary/write";
import { translateWithGlossary } from "@/lib/glossary/translate";
import type { SentenceRequest } from "@/lib/translation/decode";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";
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
    const source = "DK PBB mengecam Korut.";
    const [plain] = await engine.translateBatch([{ source, guard: "normal" }]);
    const { calls, translate } = counting();
    const [out] = await translateWithGlossary(db, [source], translate);
    expect(plain!.text).toBe("The UN Security Council condemned North Korea.");
    expect(calls).toHaveLength(1);
    expect(out).toMatchObject({ text: plain!.text, flags: [], calls: 1 });
    expect(out!.confidence).toBeCloseTo(plain!.confidence, 6);
  });

  it("never sends placeholders to the model", async () => {
    const { calls, translate } = counting();
    await translateWithGlossary(db, ["Politbiro menggelar rapat di Pyongyang."], translate);
    expect(calls.flat().every((r) => !/TERM\d/.test(r.source))).toBe(true);
  });
});

describe("a rendering the plain output lacks", () => {
  it("writes the glossary's rendering by a constrained search, leaving the other sentences as they were", async () => {
    const db = await glossaryDb();
    await setRendering(db, "Korea Utara", "the DPRK");
    const [plainUntouched] = await engine.translateBatch([
      { source: "Kim bertemu Xi di Beijing.", guard: "normal" },
    ]);
    const { calls, translate } = counting();
    const [steered, untouched] = await translateWithGlossary(
      db,
      ["DK PBB mengecam Korut.", "Kim bertemu Xi di Beijing."],
      translate,
    );
    expect(steered!.text).toContain("DPRK");
    expect(steered!.text).toContain("UN Security Council");
    // In place of the model's own wording, not beside it.
    expect(steered!.text).not.toContain("North Korea");
    expect(steered).toMatchObject({ flags: [], calls: 1 });
    expect(untouched).toMatchObject({ text: plainUntouched!.text, flags: [], calls: 1 });
    // One engine call for both, the first with its terms' renderings, how often and as the source writes them.
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]!.steer).toEqual([
      { text: "UN Security Council", count: 1, term: "DK PBB" },
      { text: "the DPRK", count: 1, term: "Korut" },
    ]);
  });

  it("flags termMissing, keeping the model's own output, when the model cannot spell the rendering", async () => {
    const db = await glossaryDb();
    await setRendering(db, "Korea Utara", "Северная Корея");
    const [out] = await translateWithGlossary(db, ["DK PBB mengecam Korut."], (r) =>
      engine.translateBatch(r),
    );
    expect(out).toMatchObject({
      text: "The UN Security Council condemned North Korea.",
      flags: ["termMissing"],
      calls: 1,
    });
  });
});

describe("loop guards", () => {
  // Greedy decoding is what loops: one beam, so that the retry is exercised.
  const greedy = new TransformersEngine(
    resolveModelSource("tests/fixtures/tiny-marian-plain"),
    undefined,
    undefined,
    1,
  );

  it("never returns a plain output that repeats a word three times in a row", async () => {
    const db = await glossaryDb();
    // A seed-article headline far outside the fixture's patterns.
    const sources = ["Bawa pulang banyak hadiah", "Kim bertemu Putin di Rusia."];
    const [long, known] = await translateWithGlossary(db, sources, (r) => greedy.translateBatch(r));
    // Its plain output loops ("Korea Korea Korea"): it was tried again, and
    // what is kept either repeats nothing or is flagged.
    expect(long!.calls).toBe(2);
    if (repeatedRun(long!.text) !== null) expect(long!.flags).toContain("degenerate");
    expect(known).toMatchObject({ text: "Kim met Putin in Russia.", flags: [], calls: 1 });
  });
});
