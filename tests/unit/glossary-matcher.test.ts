import { describe, it, expect } from "vitest";
import {
  buildEnglishMatcher,
  buildMatcher,
  normalizeGap,
  patternKey,
  type MatcherEntry,
} from "@/lib/glossary/matcher";

const ENTRIES: MatcherEntry<string>[] = [
  { id: "pbb", patterns: ["PBB", "Perserikatan Bangsa-Bangsa"] },
  { id: "dk", patterns: ["Dewan Keamanan PBB", "DK PBB", "Dewan Keamanan (DK) PBB"] },
  { id: "as", patterns: ["Amerika Serikat", "AS"] },
  { id: "kcna", patterns: ["KCNA", "Kantor Berita Pusat Korea", "KNCA"] },
  { id: "politbiro", patterns: ["Politbiro"] },
  { id: "kim", patterns: ["Kim Jong Un", "Kim Jong-un"] },
  { id: "korut", patterns: ["Korea Utara", "Korut"] },
  { id: "korea", patterns: ["Korea"] },
  { id: "pemimpin", patterns: ["Pemimpin Korea Utara"] },
  { id: "g20", patterns: ["KTT G20"] },
];

const matcher = buildMatcher(ENTRIES);
const found = (text: string) => matcher.find(text).map((m) => [m.entryId, m.matched]);

describe("glossary matcher: word boundaries", () => {
  it("does not match inside a longer word", () => {
    expect(found("PBBX dan XPBB")).toEqual([]);
    expect(found("KASUS itu")).toEqual([]);
    expect(found("Koreanya")).toEqual([["korea", "Koreanya"]]); // suffix, not a longer word
    expect(found("Koreana")).toEqual([]);
  });

  it("matches at the start and end of the text and next to punctuation", () => {
    expect(found("PBB")).toEqual([["pbb", "PBB"]]);
    expect(found("(PBB), “AS”.")).toEqual([
      ["pbb", "PBB"],
      ["as", "AS"],
    ]);
  });

  it("treats a hyphen as a word boundary and as equivalent to a space inside a pattern", () => {
    expect(found("persahabatan Rusia-PBB")).toEqual([["pbb", "PBB"]]);
    expect(found("Kim Jong-un dan Kim Jong Un")).toEqual([
      ["kim", "Kim Jong-un"],
      ["kim", "Kim Jong Un"],
    ]);
  });

  it("does not join words across sentence punctuation", () => {
    expect(found("di Korea. Utara adalah arah")).toEqual([["korea", "Korea"]]);
  });

  it("tolerates extra whitespace and line breaks between the words of a term", () => {
    expect(found("Korea   Utara dan Korea\nUtara")).toEqual([
      ["korut", "Korea   Utara"],
      ["korut", "Korea\nUtara"],
    ]);
  });
});

describe("glossary matcher: case rules", () => {
  it("matches all-capital patterns (acronyms) only in capitals", () => {
    expect(found("as pbb Pbb kcna")).toEqual([]);
    expect(found("AS PBB KCNA")).toEqual([
      ["as", "AS"],
      ["pbb", "PBB"],
      ["kcna", "KCNA"],
    ]);
  });

  it("matches other patterns in any case", () => {
    expect(found("politbiro POLITBIRO Politbiro")).toEqual([
      ["politbiro", "politbiro"],
      ["politbiro", "POLITBIRO"],
      ["politbiro", "Politbiro"],
    ]);
    expect(found("korea utara")).toEqual([["korut", "korea utara"]]);
  });

  it("keeps acronyms inside mixed patterns case-sensitive", () => {
    expect(found("dewan keamanan pbb")).toEqual([]);
    expect(found("dewan keamanan PBB")).toEqual([["dk", "dewan keamanan PBB"]]);
    expect(found("KTT g20")).toEqual([]);
    expect(found("KTT G20")).toEqual([["g20", "KTT G20"]]);
  });
});

describe("glossary matcher: Indonesian suffixes", () => {
  it.each(["nya", "lah", "kah", "pun", "ku", "mu", "nyalah"])(
    "accepts -%s on the last word",
    (suffix) => {
      const text = `pertemuan Politbiro${suffix} kemarin`;
      const [m] = matcher.find(text);
      expect(m?.entryId).toBe("politbiro");
      expect(m?.suffix).toBe(suffix);
      expect(text.slice(m?.start, m?.end)).toBe(`Politbiro${suffix}`);
    },
  );

  it("accepts a suffix on the last word of a multi-word term only", () => {
    expect(found("Korea Utaranya")).toEqual([["korut", "Korea Utaranya"]]);
    expect(found("Koreanya Utara")).toEqual([["korea", "Koreanya"]]);
  });

  it("does not accept other endings", () => {
    expect(found("Politbiroan Politbirokan")).toEqual([]);
  });
});

describe("glossary matcher: overlaps", () => {
  it("prefers the longest match", () => {
    expect(found("resolusi Dewan Keamanan PBB")).toEqual([["dk", "Dewan Keamanan PBB"]]);
    expect(found("anggota tetap DK PBB")).toEqual([["dk", "DK PBB"]]);
    expect(found("Dewan Keamanan (DK) PBB")).toEqual([["dk", "Dewan Keamanan (DK) PBB"]]);
    expect(found("Pemimpin Korea Utara Kim Jong Un")).toEqual([
      ["pemimpin", "Pemimpin Korea Utara"],
      ["kim", "Kim Jong Un"],
    ]);
  });

  it("returns no overlapping matches, in text order", () => {
    const text = "Korea Utara, Korea, DK PBB, PBB, Kantor Berita Pusat Korea dan KNCA";
    const matches = matcher.find(text);
    expect(matches.map((m) => m.entryId)).toEqual(["korut", "korea", "dk", "pbb", "kcna", "kcna"]);
    for (let i = 1; i < matches.length; i++) {
      expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
    }
  });

  it("lets the globally longest match win over an earlier shorter one", () => {
    const m = buildMatcher([
      { id: "ab", patterns: ["alpha beta"] },
      { id: "bcd", patterns: ["beta gamma delta"] },
      { id: "a", patterns: ["alpha"] },
    ]);
    expect(m.find("alpha beta gamma delta").map((x) => [x.entryId, x.matched])).toEqual([
      ["a", "alpha"],
      ["bcd", "beta gamma delta"],
    ]);
  });
});

describe("glossary matcher: offsets and bookkeeping", () => {
  it("returns UTF-16 offsets into the original text", () => {
    const text = "😀 “Pemimpin Korea Utara” — Kim Jong-un 🇰🇵 di PBB";
    for (const m of matcher.find(text)) {
      expect(text.slice(m.start, m.end)).toBe(m.matched);
    }
    expect(matcher.find(text).map((m) => m.matched)).toEqual([
      "Pemimpin Korea Utara",
      "Kim Jong-un",
      "PBB",
    ]);
  });

  it("reports patterns claimed by two entries and keeps the first", () => {
    const m = buildMatcher([
      { id: 1, patterns: ["Korea Utara"] },
      { id: 2, patterns: ["korea utara", "Korut"] },
    ]);
    expect(m.conflicts).toEqual([{ pattern: "korea utara", entryId: 2, keptEntryId: 1 }]);
    expect(m.patternCount).toBe(2);
    expect(m.find("Korea Utara").map((x) => x.entryId)).toEqual([1]);
  });

  it("ignores patterns with no word characters", () => {
    const m = buildMatcher([{ id: 1, patterns: ["", " -- ", "PBB"] }]);
    expect(m.patternCount).toBe(1);
    expect(m.find("-- PBB").map((x) => x.matched)).toEqual(["PBB"]);
  });

  it("gives equivalent patterns the same key", () => {
    expect(patternKey("Kim Jong-un")).toBe(patternKey("kim jong un"));
    expect(patternKey("AS")).not.toBe(patternKey("as"));
    expect(normalizeGap(" - ")).toBe(" ");
    expect(normalizeGap(" (")).toBe("(");
  });
});

describe("English-side matcher", () => {
  const en = buildEnglishMatcher([
    { id: "unsc", patterns: ["UN Security Council"] },
    { id: "us", patterns: ["United States", "US"] },
    { id: "pol", patterns: ["Politburo"] },
    { id: "wp", patterns: ["Workers' Party"] },
  ]);
  const enFound = (text: string) => en.find(text).map((m) => [m.entryId, m.matched]);

  it("is case-insensitive for ordinary words and accepts curly apostrophes", () => {
    expect(enFound("the politburo of the Workers’ Party met")).toEqual([
      ["pol", "politburo"],
      ["wp", "Workers’ Party"],
    ]);
    expect(enFound("the UN security council")).toEqual([["unsc", "UN security council"]]);
  });

  it("does not strip Indonesian suffixes", () => {
    expect(enFound("Politburonya Politburolah")).toEqual([]);
  });

  it("accepts plurals and possessives of a rendering", () => {
    expect(enFound("two Politburos; the UN Security Council's vote")).toEqual([
      ["pol", "Politburos"],
      ["unsc", "UN Security Council"],
    ]);
  });

  it('does not take the pronoun "us" for the acronym', () => {
    expect(enFound("told us that US officials")).toEqual([["us", "US"]]);
  });

  it("can be made fully case-insensitive", () => {
    const loose = buildEnglishMatcher([{ id: "us", patterns: ["US"] }], {
      acronymsCaseSensitive: false,
    });
    expect(loose.find("us").length).toBe(1);
  });
});

describe("matcher scale", () => {
  it("handles 10,000 entries and still finds the right ones", () => {
    const entries: MatcherEntry<number>[] = [];
    for (let i = 0; i < 10_000; i++)
      entries.push({ id: i, patterns: [`istilah ${i} khusus`, `IST${i}`] });
    entries.push({ id: -1, patterns: ["Korea Utara"] });
    const m = buildMatcher(entries);
    expect(m.patternCount).toBe(20_001);
    const text = "Korea Utara menyebut istilah 42 khusus dan IST9999 serta istilah 10001 khusus.";
    expect(m.find(text).map((x) => x.entryId)).toEqual([-1, 42, 9999]);
  });
});
