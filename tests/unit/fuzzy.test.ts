import { describe, it, expect } from "vitest";
import { bestMatches, similarity, tokenize, wordDiff } from "@/lib/memory/fuzzy";

const cand = (key: string, payload = key) => ({ key, payload });

describe("similarity", () => {
  it("is 1 for the same words regardless of case, spacing and punctuation", () => {
    expect(similarity("Presiden tiba di Jakarta.", "presiden  tiba di jakarta")).toBe(1);
  });

  it("is 1 - word distance / longer length", () => {
    // one substituted word out of five
    expect(
      similarity("Presiden tiba di Jakarta kemarin", "Presiden tiba di Bandung kemarin"),
    ).toBeCloseTo(0.8);
    // one inserted word: distance 1, longer sentence 4 words
    expect(similarity("harga beras naik", "harga beras naik lagi")).toBeCloseTo(0.75);
    expect(similarity("satu dua", "tiga empat")).toBe(0);
  });

  it("handles empty input", () => {
    expect(similarity("", "")).toBe(1);
    expect(similarity("kata", "")).toBe(0);
  });

  it("tokenizes on whitespace and punctuation, keeping non-ASCII letters", () => {
    expect(tokenize("Ekonomi tumbuh 5,2 persen—kata BI (Bank Indonesia); café!")).toEqual([
      "ekonomi",
      "tumbuh",
      "5",
      "2",
      "persen",
      "kata",
      "bi",
      "bank",
      "indonesia",
      "café",
    ]);
  });
});

describe("bestMatches", () => {
  const query = "Presiden Joko Widodo tiba di Jakarta pada hari Senin pagi.";

  it("scores an identical sentence 100", () => {
    const [match] = bestMatches(query, [cand(query)]);
    expect(match?.percent).toBe(100);
    expect(match?.score).toBe(1);
    expect(match?.diff.every((p) => p.type === "same")).toBe(true);
  });

  it("finds a near match and shows the changed word in the diff", () => {
    const stored = "Presiden Joko Widodo tiba di Surabaya pada hari Senin pagi.";
    const [match] = bestMatches(query, [cand(stored, "tm-1")]);
    expect(match).toBeDefined();
    expect(match!.payload).toBe("tm-1");
    expect(match!.percent).toBeGreaterThanOrEqual(75);
    expect(match!.percent).toBeLessThan(100);
    expect(match!.diff.filter((p) => p.type === "removed").map((p) => p.value.trim())).toEqual([
      "Surabaya",
    ]);
    expect(match!.diff.filter((p) => p.type === "added").map((p) => p.value.trim())).toEqual([
      "Jakarta",
    ]);
  });

  it("rejects unrelated sentences", () => {
    const unrelated = "Harga cabai merah di pasar tradisional naik tajam minggu ini.";
    expect(similarity(query, unrelated) * 100).toBeLessThan(75);
    expect(bestMatches(query, [cand(unrelated)])).toEqual([]);
  });

  it("sorts best first, honours threshold and limit, and keeps input order on ties", () => {
    const candidates = [
      cand("Presiden Joko Widodo tiba di Bandung pada hari Selasa sore.", "three-changed"),
      cand("Presiden Joko Widodo tiba di Bandung pada hari Senin pagi.", "one-changed-a"),
      cand(query, "exact"),
      cand("Presiden Joko Widodo tiba di Medan pada hari Senin pagi.", "one-changed-b"),
    ];
    const all = bestMatches(query, candidates, { threshold: 0.5, limit: 10 });
    expect(all.map((m) => m.payload)).toEqual([
      "exact",
      "one-changed-a",
      "one-changed-b",
      "three-changed",
    ]);
    expect(all.map((m) => m.percent)).toEqual([100, 90, 90, 70]);

    expect(bestMatches(query, candidates).map((m) => m.payload)).toEqual([
      "exact",
      "one-changed-a",
      "one-changed-b",
    ]);
    expect(bestMatches(query, candidates, { limit: 1 }).map((m) => m.payload)).toEqual(["exact"]);
    expect(bestMatches(query, candidates, { threshold: 0.95 }).map((m) => m.payload)).toEqual([
      "exact",
    ]);
    // Exactly at the threshold counts.
    expect(bestMatches(query, candidates, { threshold: 0.7, limit: 10 })).toHaveLength(4);
  });

  it("never reports 100 for a sentence that differs by a word", () => {
    const long = Array.from({ length: 300 }, (_, i) => `kata${i}`).join(" ");
    const [match] = bestMatches(long, [cand(long.replace("kata150", "lain"))]);
    expect(match?.percent).toBe(99);
  });

  it("returns nothing for a query without words and validates options", () => {
    expect(bestMatches(" ... ", [cand("...")])).toEqual([]);
    expect(() => bestMatches(query, [], { threshold: 1.5 })).toThrow(RangeError);
    expect(() => bestMatches(query, [], { limit: -1 })).toThrow(RangeError);
  });

  it("stays fast on 10,000 candidates", () => {
    const vocab =
      "pemerintah menteri ekonomi tumbuh persen tahun bank indonesia suku bunga naik turun rakyat harga beras pasar".split(
        " ",
      );
    let seed = 42;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sentence = (n: number) =>
      Array.from({ length: n }, () => vocab[Math.floor(next() * vocab.length)]).join(" ");
    const candidates = Array.from({ length: 10_000 }, (_, i) => ({
      key: sentence(8 + Math.floor(next() * 20)),
      payload: i,
    }));
    const target = candidates[6_000]!;
    const matches = bestMatches(`gubernur ${target.key}`, candidates);
    // Not a timed assertion (CI machines vary); the test just has to finish quickly.
    expect(matches[0]?.payload).toBe(6_000);
  });
});

describe("wordDiff", () => {
  it("labels unchanged, removed and added words", () => {
    expect(wordDiff("The minister arrived on Monday.", "The minister left on Tuesday.")).toEqual([
      { value: "The minister ", type: "same" },
      { value: "arrived", type: "removed" },
      { value: "left", type: "added" },
      { value: " on ", type: "same" },
      { value: "Monday", type: "removed" },
      { value: "Tuesday", type: "added" },
      { value: ".", type: "same" },
    ]);
  });

  it("is case-sensitive unless asked otherwise", () => {
    expect(wordDiff("bank Indonesia", "Bank Indonesia").some((p) => p.type !== "same")).toBe(true);
    expect(wordDiff("bank Indonesia", "Bank Indonesia", { ignoreCase: true })).toEqual([
      { value: "Bank Indonesia", type: "same" },
    ]);
  });

  it("rebuilds the new text from the parts that are not removed", () => {
    const before = "Inflasi turun menjadi 2,5 persen pada Mei.";
    const after = "Inflasi naik menjadi 2,8 persen pada bulan Mei!";
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.type !== "removed")
        .map((p) => p.value)
        .join(""),
    ).toBe(after);
  });
});
