import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { translateWithGlossary } from "@/lib/glossary/translate";
import { TransformersEngine } from "@/lib/translation/engine";
import { resolveModelSource } from "@/lib/translation/model-source";
import { freshDb } from "../helpers/db";

let db: Db;
const engine = new TransformersEngine(resolveModelSource("tests/fixtures/tiny-marian"));

beforeAll(async () => {
  db = freshDb().db;
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
});

describe("translation with the glossary (fixture model)", () => {
  it("renders every glossary term with its English rendering, whatever its spelling in the source", async () => {
    const sent: string[][] = [];
    const out = await translateWithGlossary(
      db,
      ["DK PBB mengecam Korut.", "Dewan Keamanan PBB mengecam Korea Utara."],
      (batch) => {
        sent.push(batch);
        return engine.translateBatch(batch);
      },
    );
    // The model saw placeholders, not the terms.
    expect(sent[0]).toEqual(["TERM0 mengecam TERM1.", "TERM0 mengecam TERM1."]);
    for (const line of out) {
      expect(line).toContain("UN Security Council");
      expect(line).toContain("North Korea");
    }
    expect(out[0]).toBe(out[1]);
  });

  it("follows a changed rendering", async () => {
    const { updateEntry, listEntries } = await import("@/lib/glossary/store");
    const korut = (await listEntries(db, { q: "Korea Utara" })).find(
      (e) => e.term === "Korea Utara",
    )!;
    await updateEntry(db, korut.id, { ...korut, translation: "the DPRK" });
    const [out] = await translateWithGlossary(db, ["DK PBB mengecam Korut."], (b) =>
      engine.translateBatch(b),
    );
    expect(out).toContain("the DPRK");
    expect(out).not.toContain("North Korea");
  });

  it("falls back to a plain translation when the model drops a placeholder", async () => {
    const calls: string[][] = [];
    const out = await translateWithGlossary(db, ["Politbiro bersidang."], async (batch) => {
      calls.push(batch);
      return batch.map((s) => (s.includes("TERM") ? "It met." : "The Politburo met."));
    });
    expect(calls).toEqual([["TERM0 bersidang."], ["Politbiro bersidang."]]);
    expect(out).toEqual(["The Politburo met."]);
  });
});
