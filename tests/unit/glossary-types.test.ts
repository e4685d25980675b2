import { describe, it, expect } from "vitest";
import { formatIssues, glossaryEntryInputSchema, parseGlossaryEntry } from "@/lib/glossary/types";

const valid = {
  term: "Korea Utara",
  translation: "North Korea",
  aliases: ["Korut"],
  category: "place",
  note: "n",
};

function reason(input: unknown): string {
  const r = parseGlossaryEntry(input);
  if (r.ok) throw new Error("expected a validation error");
  return r.reason;
}

describe("glossaryEntryInputSchema", () => {
  it("accepts a valid entry and fills defaults", () => {
    expect(glossaryEntryInputSchema.parse(valid)).toEqual(valid);
    expect(
      glossaryEntryInputSchema.parse({ term: "Rusia", translation: "Russia", category: "place" }),
    ).toEqual({
      term: "Rusia",
      translation: "Russia",
      aliases: [],
      category: "place",
      note: "",
    });
  });

  it("trims fields and collapses inner whitespace of single-line fields", () => {
    const e = glossaryEntryInputSchema.parse({
      ...valid,
      term: "  Korea \n Utara ",
      translation: " North  Korea ",
      aliases: [" Korut "],
      note: "  line 1\n  line 2  ",
    });
    expect([e.term, e.translation, e.aliases, e.note]).toEqual([
      "Korea Utara",
      "North Korea",
      ["Korut"],
      "line 1\n  line 2",
    ]);
  });

  it("enforces lengths with readable messages", () => {
    expect(reason({ ...valid, term: "   " })).toBe("term: Term must not be empty");
    expect(reason({ ...valid, term: "x".repeat(201) })).toBe(
      "term: Term must be at most 200 characters",
    );
    expect(glossaryEntryInputSchema.safeParse({ ...valid, term: "x".repeat(200) }).success).toBe(
      true,
    );
    expect(reason({ ...valid, translation: "" })).toBe(
      "translation: Translation must not be empty",
    );
    expect(reason({ ...valid, translation: "y".repeat(301) })).toBe(
      "translation: Translation must be at most 300 characters",
    );
    expect(reason({ ...valid, note: "z".repeat(2001) })).toBe(
      "note: Note must be at most 2000 characters",
    );
  });

  it("checks aliases: unique, not the term, non-empty, no separator", () => {
    expect(reason({ ...valid, aliases: ["Korut", " Korut"] })).toBe(
      'aliases[1]: Alias "Korut" is listed twice (also alias #1)',
    );
    expect(reason({ ...valid, aliases: ["Korea  Utara"] })).toBe(
      'aliases[0]: Alias "Korea Utara" is the same as the term',
    );
    expect(reason({ ...valid, aliases: [""] })).toBe("aliases[0]: Alias must not be empty");
    expect(reason({ ...valid, aliases: ["a|b"] })).toBe('aliases[0]: Alias must not contain "|"');
    expect(reason({ ...valid, aliases: "Korut" })).toBe(
      "aliases: Aliases must be a list of text values",
    );
  });

  it("checks the category", () => {
    expect(reason({ ...valid, category: "country" })).toBe(
      'category: Category must be one of organization, person, place, title, acronym, phrase (got "country")',
    );
    expect(reason({ term: "a", translation: "b" })).toBe(
      "category: Category must be one of organization, person, place, title, acronym, phrase",
    );
  });

  it("rejects control characters and non-text values", () => {
    expect(reason({ ...valid, note: "bell\u0007" })).toBe(
      "note: Note must not contain control characters",
    );
    expect(reason({ ...valid, term: 42 })).toBe("term: Term must be text");
  });

  it("reports several problems at once", () => {
    const r = glossaryEntryInputSchema.safeParse({ term: "", translation: "", category: "x" });
    expect(r.success).toBe(false);
    if (!r.success) expect(formatIssues(r.error).split("; ")).toHaveLength(3);
  });
});
