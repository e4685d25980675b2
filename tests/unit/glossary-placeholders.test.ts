import { describe, it, expect } from "vitest";
import { buildMatcher } from "@/lib/glossary/matcher";
import { protectTerms } from "@/lib/glossary/placeholders";

const GLOSSARY = [
  { id: 1, term: "Korea Utara", aliases: ["Korut"], translation: "North Korea" },
  { id: 2, term: "Amerika Serikat", aliases: ["AS"], translation: "United States" },
  { id: 3, term: "Politbiro", aliases: [], translation: "Politburo" },
  { id: 4, term: "Juru bicara", aliases: [], translation: "spokesperson" },
  { id: 5, term: "negara-negara Barat", aliases: [], translation: "Western countries" },
  { id: 6, term: "Barat", aliases: [], translation: "the West" },
  { id: 7, term: "KCNA", aliases: ["Kantor Berita Pusat Korea"], translation: "KCNA" },
];
const matcher = buildMatcher(GLOSSARY.map((e) => ({ id: e.id, patterns: [e.term, ...e.aliases] })));
const protect = (source: string) => protectTerms(source, matcher.find(source), GLOSSARY);

describe("protectTerms", () => {
  it("replaces each term with a placeholder, one per entry", () => {
    const p = protect("Korut dan AS membahas Korea Utara dalam rapat Politbiro.");
    expect(p.text).toBe("TERM0 dan TERM1 membahas TERM0 dalam rapat TERM2.");
    expect(p.terms.map((t) => [t.placeholder, t.entryId, t.translation, t.sources])).toEqual([
      ["TERM0", 1, "North Korea", ["Korut", "Korea Utara"]],
      ["TERM1", 2, "United States", ["AS"]],
      ["TERM2", 3, "Politburo", ["Politbiro"]],
    ]);
  });

  it("round-trips through a translation that keeps the placeholders", () => {
    const p = protect("Korut dan AS membahas Korea Utara dalam rapat Politbironya.");
    const report = p.restoreWithReport(
      "TERM0 and TERM1 discussed TERM0 at a meeting of its TERM2.",
    );
    expect(report.text).toBe(
      "North Korea and United States discussed North Korea at a meeting of its Politburo.",
    );
    expect(report.missing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(p.restore("TERM0 and TERM1 discussed TERM0 at a meeting of its TERM2.")).toBe(
      report.text,
    );
  });

  it("folds a term followed by its own abbreviation in parentheses", () => {
    const p = protect("Amerika Serikat (AS) dan Korea Utara (Korut) berunding.");
    expect(p.text).toBe("TERM0 dan TERM1 berunding.");
    expect(p.restore("TERM0 and TERM1 negotiated.")).toBe(
      "United States and North Korea negotiated.",
    );
  });

  it("keeps a parenthetical of a different entry", () => {
    const p = protect("kantor berita Korut (KCNA)");
    expect(p.text).toBe("kantor berita TERM0 (TERM1)");
  });

  it("accepts placeholders the model altered in case or spacing", () => {
    const p = protect("Korut, AS dan Politbiro");
    expect(p.restore("Term0, TERM 1 and term_2")).toBe("North Korea, United States and Politburo");
  });

  it("reports placeholders the model dropped or mangled beyond recognition", () => {
    const p = protect("Korut, AS dan Politbiro");
    const report = p.restoreWithReport("North Korea, TERM1 and TEMR2");
    expect(report.text).toBe("North Korea, United States and TEMR2");
    expect(report.missing.map((t) => t.placeholder)).toEqual(["TERM0", "TERM2"]);
    expect(report.missing.map((t) => t.translation)).toEqual(["North Korea", "Politburo"]);
  });

  it("leaves placeholders it never issued and reports them", () => {
    const p = protect("Korut");
    const report = p.restoreWithReport("TERM0 and TERM7, TERM12");
    expect(report.text).toBe("North Korea and TERM7, TERM12");
    expect(report.unknown).toEqual(["TERM7", "TERM12"]);
    expect(report.missing).toEqual([]);
  });

  it("does not read TERM1 inside TERM12", () => {
    const source = Array.from({ length: 13 }, (_, i) => `K${i}`).join(" ");
    const entries = Array.from({ length: 13 }, (_, i) => ({ id: i, translation: `E${i}` }));
    const m = buildMatcher(entries.map((e) => ({ id: e.id, patterns: [`K${e.id}`] })));
    const p = protectTerms(source, m.find(source), entries);
    expect(p.text.split(" ")[12]).toBe("TERM12");
    expect(p.restore("TERM12 TERM1")).toBe("E12 E1");
  });

  it("capitalizes a lowercase rendering that starts a sentence", () => {
    const p = protect("Juru bicara itu berbicara. Dia mengutip juru bicara lain.");
    expect(p.text).toBe("TERM0 itu berbicara. Dia mengutip TERM0 lain.");
    expect(p.restore("TERM0 spoke. She quoted another TERM0.")).toBe(
      "Spokesperson spoke. She quoted another spokesperson.",
    );
    expect(p.restore("“TERM0 spoke”")).toBe("“Spokesperson spoke”");
  });

  it("avoids a doubled article", () => {
    const p = protect("Rusia menjauh dari Barat.");
    expect(p.restore("Russia moved away from the TERM0.")).toBe("Russia moved away from the West.");
    expect(p.restore("Russia moved away from TERM0.")).toBe("Russia moved away from the West.");
    expect(p.restore("TERM0 is worried.")).toBe("The West is worried.");
  });

  it("prefers the longest glossary term when protecting", () => {
    const p = protect("konfrontasi dengan negara-negara Barat");
    expect(p.text).toBe("konfrontasi dengan TERM0");
    expect(p.restore("confrontation with TERM0")).toBe("confrontation with Western countries");
  });

  it("ignores matches of unknown entries and overlapping matches", () => {
    const source = "Korut dan AS";
    const p = protectTerms(
      source,
      [
        { start: 0, end: 5, entryId: 1 },
        { start: 2, end: 8, entryId: 2 },
        { start: 10, end: 12, entryId: 99 },
      ],
      new Map([[1, { id: 1, translation: "North Korea" }]]),
    );
    expect(p.text).toBe("TERM0 dan AS");
  });

  it("returns the source unchanged when nothing matched", () => {
    const p = protect("Tidak ada istilah di sini.");
    expect(p.text).toBe("Tidak ada istilah di sini.");
    expect(p.terms).toEqual([]);
    expect(p.restoreWithReport("There is no term here.")).toEqual({
      text: "There is no term here.",
      missing: [],
      unknown: [],
    });
  });
});
