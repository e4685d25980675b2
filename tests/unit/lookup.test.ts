import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDictionaryMeta, lookupWord } from "@/lib/lookup/dictionary";
import { normalizeWord, rootCandidates, stemWord } from "@/lib/lookup/stem";

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

    expect(lookupWord("persenjataannya")).toMatchObject({ root: "senjata", matchedForm: "senjata" });
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
    expect(lookupWord("Shoigu")).toEqual({ word: "shoigu", root: "shoigu", senses: [], matchedForm: null });
    const unknown = lookupWord("dibahasnya");
    expect(unknown.senses).toEqual([]);
    expect(unknown.root).toBe("bahas");
    expect(unknown.matchedForm).toBeNull();
  });

  it("does not treat object prototype names as entries", () => {
    expect(lookupWord("constructor").senses).toEqual([]);
    expect(lookupWord("__proto__").senses).toEqual([]);
    expect(lookupWord("").senses).toEqual([]);
  });

  it("caps senses at eight and never repeats a gloss", () => {
    const data = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), "lib/lookup/data/id-en.json"), "utf8"),
    ) as { entries: Record<string, string[][]> };
    const bad = Object.entries(data.entries).filter(
      ([, senses]) => senses.length === 0 || senses.length > 8 || new Set(senses.map((s) => s[0])).size !== senses.length,
    );
    expect(bad.map(([form]) => form)).toEqual([]);
    expect(Object.keys(data.entries).length).toBeGreaterThan(10_000);
  });

  it("exposes the source and license", () => {
    expect(getDictionaryMeta()).toMatchObject({ license: "CC BY-SA 3.0" });
    expect(getDictionaryMeta().source).toMatch(/FreeDict/);
  });
});
