import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { INDONESIAN_STOPWORDS, mineSuggestions, type MiningArticle } from "@/lib/glossary/mining";
import { importCsv } from "@/lib/glossary/exchange";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The five seed articles, as imported into content/ (front matter dropped). */
function seedCorpus(): MiningArticle[] {
  const content = path.join(ROOT, "content");
  return fs
    .readdirSync(content)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({
      articleId: f,
      text: fs.readFileSync(path.join(content, f), "utf8").replace(/^---\n[\s\S]*?\n---\n/, ""),
    }));
}

const corpus = seedCorpus();
const suggestions = mineSuggestions(corpus);
const ofKind = (kind: string) => suggestions.filter((s) => s.kind === kind);
const texts = (kind: string) => ofKind(kind).map((s) => s.text);

describe("mining the seed articles", () => {
  it("reads all five seed articles", () => {
    expect(corpus).toHaveLength(5);
  });

  it("puts the recurring acronyms on top", () => {
    const top = texts("acronym").slice(0, 4);
    expect(new Set(top)).toEqual(new Set(["KCNA", "AS", "PBB", "DPRK"]));
    expect(texts("acronym")[0]).toBe("KCNA"); // in four of the five articles
    const kcna = ofKind("acronym")[0]!;
    expect(kcna.articleCount).toBe(4);
    expect(kcna.occurrenceCount).toBeGreaterThanOrEqual(8);
  });

  it("finds multi-word acronyms", () => {
    expect(texts("acronym")).toContain("DK PBB");
  });

  it("does not take shouted words for acronyms", () => {
    // "MOSKOW -" and "BACA JUGA:" are capitals of words written normally elsewhere.
    expect(texts("acronym")).not.toContain("MOSKOW");
    expect(texts("acronym")).not.toContain("BACA JUGA");
    expect(texts("acronym")).not.toContain("SEOUL");
  });

  it("finds recurring names, merging spelling variants", () => {
    const names = texts("name");
    for (const n of [
      "Kim Jong Un",
      "Vladimir Putin",
      "Sergei Shoigu",
      "Korea Utara",
      "Korea Selatan",
      "Amerika Serikat",
    ]) {
      expect(names).toContain(n);
    }
    const kim = ofKind("name").find((s) => s.text === "Kim Jong Un")!;
    expect(kim.articleCount).toBe(5); // two articles only write "Kim Jong-un"
    expect(names).not.toContain("Kim Jong-un");
    expect(names).not.toContain("Kim Jong"); // never seen without "Un"
    expect(names.indexOf("Kim Jong Un")).toBeLessThan(10);
  });

  it("does not turn sentence-initial common words into names", () => {
    const names = texts("name");
    expect(names.some((n) => n.startsWith("Pemimpin "))).toBe(false);
    expect(names.some((n) => n.startsWith("Para "))).toBe(false);
    expect(names.some((n) => n.startsWith("Pertemuan "))).toBe(false);
    expect(names).not.toContain("Baca Juga");
  });

  it("finds phrases recurring across articles", () => {
    const phrases = texts("phrase");
    for (const p of [
      "rudal balistik jarak pendek",
      "kerja sama militer",
      "media pemerintah",
      "kerja sama",
    ]) {
      expect(phrases).toContain(p);
    }
    for (const s of ofKind("phrase")) expect(s.articleCount).toBeGreaterThanOrEqual(2);
    // Sub-phrases never seen on their own are dropped.
    expect(phrases).not.toContain("balistik jarak pendek");
  });

  it("drops phrases made of or bounded by stopwords, and runs of a quote copied between articles", () => {
    for (const s of ofKind("phrase")) {
      const words = s.text.toLowerCase().split(/\s+/);
      expect(INDONESIAN_STOPWORDS.has(words[0]!)).toBe(false);
      expect(INDONESIAN_STOPWORDS.has(words[words.length - 1]!)).toBe(false);
    }
    // Only inside the Putin quote repeated word for word in two articles.
    expect(texts("phrase")).not.toContain("senang hati");
  });

  it("ranks by article count, then occurrences, then length", () => {
    for (let i = 1; i < suggestions.length; i++) {
      const a = suggestions[i - 1]!;
      const b = suggestions[i]!;
      expect(a.articleCount).toBeGreaterThanOrEqual(b.articleCount);
      if (a.articleCount === b.articleCount)
        expect(a.occurrenceCount).toBeGreaterThanOrEqual(b.occurrenceCount);
      expect(a.score).toBeGreaterThanOrEqual(b.score);
    }
  });

  it("leaves out what the glossary already has, with the matcher case rules", () => {
    const glossary = [
      { term: "KCNA", aliases: ["Kantor Berita Pusat Korea"] },
      { term: "kim jong-un" },
      { term: "Vladimir Putin" },
      { term: "Presiden" },
      { term: "pbb" }, // not all capitals, so it matches "PBB" too
    ];
    const mined = mineSuggestions(corpus, { glossary });
    const all = mined.map((s) => s.text);
    expect(all).not.toContain("KCNA");
    expect(all).not.toContain("Kim Jong Un");
    expect(all).not.toContain("Vladimir Putin");
    expect(all).not.toContain("Presiden Vladimir Putin"); // made only of known terms
    expect(all).not.toContain("PBB");
    expect(all).toContain("Sergei Shoigu");

    // An all-capital glossary term does not hide a lowercase candidate and vice versa.
    const caps = mineSuggestions(
      [
        { articleId: 1, text: "kerja sama. Kerja sama" },
        { articleId: 2, text: "kerja sama" },
      ],
      {
        glossary: [{ term: "KERJA SAMA" }],
      },
    );
    expect(caps.map((s) => s.text)).toContain("kerja sama");
  });

  it("leaves out dismissed suggestions", () => {
    const mined = mineSuggestions(corpus, { dismissed: ["kerja sama", "DPRK", "kim jong un"] });
    const all = mined.map((s) => s.text);
    expect(all).not.toContain("kerja sama");
    expect(all).not.toContain("DPRK");
    expect(all).not.toContain("Kim Jong Un");
    expect(all).toContain("kerja sama militer"); // dismissing a phrase does not hide longer ones
  });

  it("respects kinds and limit", () => {
    const mined = mineSuggestions(corpus, { kinds: ["acronym"], limit: 3 });
    expect(mined).toHaveLength(3);
    expect(mined.every((s) => s.kind === "acronym")).toBe(true);
  });

  it("leaves nothing recurring uncovered by the starting glossary", () => {
    const glossary = importCsv(
      fs.readFileSync(path.join(ROOT, "content", "glossary.csv"), "utf8"),
    ).entries;
    const left = mineSuggestions(corpus, { glossary, kinds: ["acronym", "name"] }).filter(
      (s) => s.articleCount >= 2,
    );
    expect(left).toEqual([]);
  });
});

describe("mining small corpora", () => {
  it("returns nothing for an empty corpus", () => {
    expect(mineSuggestions([])).toEqual([]);
  });

  it("tells shouted words from acronyms", () => {
    const mined = mineSuggestions([
      { articleId: "a", text: "MOSKOW - Putin tiba di Moskow. Menurut KCNA, DK PBB bersidang." },
      { articleId: "b", text: "MOSKOW - Rapat di Moskow. KCNA melapor tentang DK PBB." },
    ]);
    const acronyms = mined.filter((s) => s.kind === "acronym").map((s) => s.text);
    expect(acronyms).toEqual(["DK PBB", "KCNA"]);
  });

  it("skips a sentence-initial common word but keeps a sentence-initial name", () => {
    const mined = mineSuggestions([
      {
        articleId: "a",
        text: "Pertemuan Dewan Keamanan digelar. Ada pertemuan lain. Sergei Shoigu hadir.",
      },
      { articleId: "b", text: "Pertemuan Dewan Keamanan berakhir. Sergei Shoigu pulang." },
    ]);
    const names = mined.filter((s) => s.kind === "name").map((s) => s.text);
    expect(names).toEqual(["Dewan Keamanan", "Sergei Shoigu"]);
  });

  it("counts articles and occurrences separately", () => {
    const mined = mineSuggestions([
      { articleId: "a", text: "Laporan KCNA. Menurut KCNA, Kim Jong Un tiba." },
      { articleId: "b", text: "Kim Jong Un bertemu pejabat." },
    ]);
    const kcna = mined.find((s) => s.text === "KCNA")!;
    expect([kcna.articleCount, kcna.occurrenceCount]).toEqual([1, 2]);
    const kim = mined.find((s) => s.text === "Kim Jong Un")!;
    expect([kim.articleCount, kim.occurrenceCount]).toEqual([2, 2]);
  });
});
