import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDictionaryMeta, lookupWord } from "@/lib/lookup/dictionary";
import { normalizeWord, rootCandidates, stemWord } from "@/lib/lookup/stem";

type DictionaryEntries = Record<string, string[][]>;
type SupplementEntries = Record<string, { gloss: string; pos?: string; definition?: string }[]>;

function readData<T>(file: string): T {
  return JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "lib/lookup/data", file), "utf8"),
  ) as T;
}

function glosses(word: string): string[] {
  return lookupWord(word).senses.map((s) => s.gloss);
}

describe("stemWord", () => {
  it.each([
    ["menyatakan", "nyata"],
    ["pertahanannya", "tahan"],
    ["persenjataannya", "senjata"],
    ["mencari", "cari"],
    ["dicari", "cari"],
    ["pencarian", "cari"],
    ["kunjungannya", "kunjung"],
    ["kunjungan", "kunjung"],
    ["pemimpin", "pimpin"],
    // Capitals and surrounding punctuation from running text.
    ["Pertahanan,", "tahan"],
    ["“Menyatakan”", "nyata"],
    // Reduplication, plain and affixed.
    ["negara-negara", "negara"],
    ["Negara-negaranya", "negara"],
    ["langkah-langkah", "langkah"],
    ["berlari-lari", "lari"],
    ["memukul-mukul", "pukul"],
    // A clitic written after a hyphen.
    ["Jokowi-nya", "jokowi"],
    // Before a vowel, mem-/men- come from p-/m- and t-/n- roots, which Sastrawi
    // alone gets wrong (memuji → uji, menurut → urut).
    ["memuji", "puji"],
    ["menurutnya", "turut"],
    ["memakan", "makan"],
  ])("%s → %s", (word, root) => {
    expect(stemWord(word)).toBe(root);
  });

  it("keeps compounds, names and numbers that are not reduplications", () => {
    expect(stemWord("Covid-19")).toBe("covid-19");
    expect(stemWord("Jong-un")).toBe("jong-un");
    expect(stemWord("2023")).toBe("2023");
    expect(stemWord("...")).toBe("");
  });

  it("is stable across repeated (memoized) calls", () => {
    expect(stemWord("persenjataannya")).toBe(stemWord("persenjataannya"));
    expect(stemWord("PERSENJATAANNYA")).toBe("senjata");
  });

  it("normalizes case, quotes and non-breaking hyphens", () => {
    expect(normalizeWord("(Negara‑negara).")).toBe("negara-negara");
    expect(normalizeWord("«Rusia»")).toBe("rusia");
  });

  it("offers the other meN- reading when Sastrawi picks a vowel-initial root", () => {
    // Sastrawi reads mengunjungi as meng + unjung; kunjung is the real root.
    expect(rootCandidates("mengunjungi")).toEqual(expect.arrayContaining(["kunjung"]));
    expect(rootCandidates("mencari")).toEqual(["cari"]);
  });
});

describe("lookupWord", () => {
  it("finds common words from the seed articles", () => {
    expect(glosses("perang")[0]).toBe("war");
    expect(glosses("senjata")[0]).toBe("weapon");
    expect(glosses("Rusia")).toContain("Russia");
    expect(glosses("negara")).toEqual(expect.arrayContaining(["country", "nation", "state"]));
  });

  it("returns the exact form with parts of speech and definitions", () => {
    const result = lookupWord("Perang");
    expect(result).toMatchObject({ word: "perang", root: "perang", matchedForm: "perang" });
    expect(result.senses[0]).toMatchObject({ gloss: "war", pos: "noun" });
    expect(result.senses[0]?.definition).toMatch(/conflict/);
  });

  it("reaches inflected forms through their root", () => {
    // The dictionary has no "pemimpin" (leader) entry, but the root pimpin is "lead, head".
    const leader = lookupWord("pemimpin");
    expect(leader.root).toBe("pimpin");
    expect(leader.matchedForm).toBe("pimpin");
    expect(leader.senses.map((s) => s.gloss)).toEqual(expect.arrayContaining(["lead", "head"]));

    expect(lookupWord("kunjungan")).toMatchObject({ matchedForm: "kunjungan", root: "kunjung" });
    expect(glosses("kunjungan")).toContain("visit");

    const visiting = lookupWord("mengunjungi");
    expect(visiting).toMatchObject({ root: "kunjung", matchedForm: "kunjung" });
    expect(visiting.senses[0]).toMatchObject({ gloss: "visit", pos: "verb" });

    const defence = lookupWord("pertahanannya");
    expect(defence).toMatchObject({ root: "tahan", matchedForm: "pertahanan" });
    expect(defence.senses.map((s) => s.gloss)).toContain("defense");

    expect(lookupWord("persenjataannya")).toMatchObject({
      root: "senjata",
      matchedForm: "senjata",
    });
    expect(glosses("negara-negara")).toContain("country");
  });

  it("prefers the form without clitics over the bare root", () => {
    // menurut "according to", not turut "to follow".
    expect(lookupWord("menurutnya")).toMatchObject({ matchedForm: "menurut" });
    expect(glosses("menurutnya")).toContain("according to");
    // A root that merely ends like a clitic is not cut: makalah "paper" is not
    // maka "so" + -lah.
    expect(lookupWord("makalah").matchedForm).not.toBe("maka");
  });

  it("lets one verb inflection stand in for another, but not other derivations", () => {
    expect(lookupWord("dikutip")).toMatchObject({ root: "kutip", matchedForm: "mengutip" });
    expect(glosses("dikutip")).toContain("quote");
    // setelah "after" is not what the bare telah "already" means.
    expect(lookupWord("telah").matchedForm).not.toBe("setelah");
  });

  it("returns empty senses but still the root for words the dictionary lacks", () => {
    expect(lookupWord("Shoigu")).toEqual({
      word: "shoigu",
      root: "shoigu",
      senses: [],
      matchedForm: null,
    });
    const unknown = lookupWord("dipantaunya");
    expect(unknown.senses).toEqual([]);
    expect(unknown.root).toBe("pantau");
    expect(unknown.matchedForm).toBeNull();
  });

  it("does not treat object prototype names as entries", () => {
    expect(lookupWord("hasOwnProperty").senses).toEqual([]);
    expect(lookupWord("toString").senses).toEqual([]);
    expect(lookupWord("constructor").senses).toEqual([]);
    expect(lookupWord("__proto__").senses).toEqual([]);
    expect(lookupWord("").senses).toEqual([]);
  });

  it("caps senses at eight and never repeats a gloss", () => {
    const data = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), "lib/lookup/data/id-en.json"), "utf8"),
    ) as { entries: Record<string, string[][]> };
    const bad = Object.entries(data.entries).filter(
      ([, senses]) =>
        senses.length === 0 ||
        senses.length > 8 ||
        new Set(senses.map((s) => s[0])).size !== senses.length,
    );
    expect(bad.map(([form]) => form)).toEqual([]);
    expect(Object.keys(data.entries).length).toBeGreaterThan(10_000);
  });

  it("exposes the source and license", () => {
    expect(getDictionaryMeta()).toMatchObject({ license: "CC BY-SA 3.0" });
    expect(getDictionaryMeta().source).toMatch(/FreeDict/);
  });
});

describe("lookupWord with the project's supplementary word list", () => {
  const freedict = readData<{ entries: DictionaryEntries }>("id-en.json").entries;
  const supplement = readData<{ entries: SupplementEntries }>("supplement.json").entries;

  it("explains common words FreeDict lacks, marking the senses as its own", () => {
    const at = lookupWord("pada");
    expect(at).toMatchObject({ word: "pada", root: "pada", matchedForm: "pada" });
    expect(at.senses[0]).toEqual({ gloss: "at", pos: "preposition", source: "dwibahasa" });
    expect(at.senses.map((s) => s.gloss)).toEqual(expect.arrayContaining(["on", "in (time)"]));
    expect(at.senses.every((s) => s.source === "dwibahasa")).toBe(true);

    expect(glosses("tersebut")).toEqual(expect.arrayContaining(["the (aforementioned)", "that"]));
    expect(glosses("militer")[0]).toBe("military");
    // The clitic-less form: militernya → militer.
    expect(lookupWord("Militernya")).toMatchObject({ root: "militer", matchedForm: "militer" });
    expect(glosses("Militernya")).toContain("military");
  });

  it("reaches the supplement through the root, like FreeDict", () => {
    for (const word of ["dibahas", "membahas", "dibahasnya", "bahas"]) {
      const result = lookupWord(word);
      expect(result).toMatchObject({ root: "bahas", matchedForm: "bahas" });
      expect(result.senses[0]).toMatchObject({
        gloss: "discuss",
        pos: "verb",
        source: "dwibahasa",
      });
    }
    // semakin → makin; an exact supplement entry beats its root (lawatan "visit", not lawat).
    expect(lookupWord("semakin")).toMatchObject({ root: "makin", matchedForm: "makin" });
    expect(lookupWord("lawatan")).toMatchObject({ matchedForm: "lawatan" });
  });

  it("leaves FreeDict's senses alone when FreeDict explains the word", () => {
    const war = lookupWord("perang");
    expect(war.senses[0]).toMatchObject({ gloss: "war", pos: "noun" });
    expect(war.senses.some((s) => s.source !== undefined)).toBe(false);
    // The supplement has the root tuntut, but FreeDict has the word menuntut itself…
    expect(supplement).toHaveProperty("tuntut");
    expect(lookupWord("menuntut")).toMatchObject({ matchedForm: "menuntut" });
    expect(lookupWord("menuntut").senses.every((s) => s.source === undefined)).toBe(true);
    // …and FreeDict's whole path, down to another verb inflection (diuji → menguji),
    // comes before the supplement's root uji.
    expect(supplement).toHaveProperty("uji");
    expect(lookupWord("diuji")).toMatchObject({ root: "uji", matchedForm: "menguji" });
    expect(lookupWord("diuji").senses.every((s) => s.source === undefined)).toBe(true);
  });

  it("never masks a word FreeDict knows", () => {
    // The supplement only fills gaps: none of its words is a FreeDict entry…
    expect(Object.keys(supplement).filter((word) => Object.hasOwn(freedict, word))).toEqual([]);
    // …and every FreeDict word still gets FreeDict's senses (a couple of forms
    // with a trailing apostrophe or space cannot be typed as such).
    const masked = Object.keys(freedict)
      .filter((form) => normalizeWord(form) === form)
      .filter((form) => {
        const { senses } = lookupWord(form);
        return senses.length === 0 || senses.some((s) => s.source !== undefined);
      });
    expect(masked).toEqual([]);
  });

  it("keeps its entries small and well-formed", () => {
    const bad = Object.entries(supplement).filter(
      ([word, senses]) =>
        word !== word.toLowerCase() ||
        word.trim() !== word ||
        senses.length < 1 ||
        senses.length > 4 ||
        senses.some((s) => s.gloss.trim() === "") ||
        new Set(senses.map((s) => s.gloss)).size !== senses.length,
    );
    expect(bad.map(([word]) => word)).toEqual([]);
    expect(Object.keys(supplement).length).toBeGreaterThan(100);
  });
});
