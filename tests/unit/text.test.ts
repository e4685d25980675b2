import { describe, expect, it } from "vitest";
import { buildMatcher } from "@/lib/glossary/matcher";
import { tokenize } from "@/lib/memory/fuzzy";
import { sourceKey } from "@/lib/memory/source-key";
import { highlightWords, queryTerms } from "@/lib/search/stems";
import { hasControlChars } from "@/lib/text/control";
import { escapeMarkup } from "@/lib/text/escape";
import { foldForSearch, foldQuotes } from "@/lib/text/fold";
import { splitAtSpans } from "@/lib/text/spans";
import { distinctWords, isSingleWord, wordAt, wordParts, words } from "@/lib/text/words";

/**
 * What a word is, stated once. Every case is checked against each module that
 * cuts text into words: the glossary matcher, search highlighting, translation
 * memory's fuzzy tokens and the look-up's word picker.
 */
const CASES: { name: string; text: string; words: string[]; parts: string[] }[] = [
  {
    name: "an in-word hyphen joins (reduplication)",
    text: "negara-negara maju",
    words: ["negara-negara", "maju"],
    parts: ["negara", "negara", "maju"],
  },
  {
    name: "a non-breaking hyphen joins like a hyphen",
    text: "Kim Jong\u2011un tiba",
    words: ["Kim", "Jong\u2011un", "tiba"],
    parts: ["Kim", "Jong", "un", "tiba"],
  },
  {
    name: "a spaced dash separates",
    text: "Korea - Utara",
    words: ["Korea", "Utara"],
    parts: ["Korea", "Utara"],
  },
  {
    name: "two hyphens in a row separate",
    text: "ya--tidak",
    words: ["ya", "tidak"],
    parts: ["ya", "tidak"],
  },
  {
    name: "straight and curly apostrophes join",
    text: "Qur\u2019an dan Jum'at",
    words: ["Qur\u2019an", "dan", "Jum'at"],
    parts: ["Qur", "an", "dan", "Jum", "at"],
  },
  {
    name: "curly quotes and brackets around words only separate",
    text: "\u201cKorut\u201d menembakkan (rudal) \u2018lagi\u2019.",
    words: ["Korut", "menembakkan", "rudal", "lagi"],
    parts: ["Korut", "menembakkan", "rudal", "lagi"],
  },
  {
    name: "digits belong to words, numbers are words",
    text: "KTT G20 tahun 2023, 5,2 persen",
    words: ["KTT", "G20", "tahun", "2023", "5", "2", "persen"],
    parts: ["KTT", "G20", "tahun", "2023", "5", "2", "persen"],
  },
  {
    name: "accents, precomposed or combining, stay inside the word",
    text: "kosmodr\u00f3m dan kosmodro\u0301m",
    words: ["kosmodr\u00f3m", "dan", "kosmodro\u0301m"],
    parts: ["kosmodr\u00f3m", "dan", "kosmodro\u0301m"],
  },
  {
    name: "a soft hyphen is not a joiner",
    text: "Polit\u00adbiro",
    words: ["Polit", "biro"],
    parts: ["Polit", "biro"],
  },
];

describe("what a word is", () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const found = words(c.text);

      it("is cut into its words and word parts", () => {
        expect(found.map((w) => w.text)).toEqual(c.words);
        expect(found.every((w) => c.text.slice(w.start, w.end) === w.text)).toBe(true);
        expect(wordParts(c.text).map((p) => c.text.slice(p.start, p.end))).toEqual(c.parts);
      });

      it("translation memory compares the same word parts, case folded", () => {
        expect(tokenize(c.text)).toEqual(c.parts.map((p) => p.toLowerCase()));
      });

      it("the glossary matcher finds each word as a term, at the same offsets", () => {
        for (const w of found) {
          const matcher = buildMatcher([{ id: 1, patterns: [w.text] }], { suffixes: [] });
          const hits = matcher.find(c.text).map((m) => [m.start, m.end]);
          expect(hits).toContainEqual([w.start, w.end]);
        }
      });

      it("search highlights each word where it stands", () => {
        for (const w of found) {
          expect(highlightWords(c.text, queryTerms(w.text))).toContainEqual({
            start: w.start,
            end: w.end,
          });
        }
      });

      it("the look-up offers the words that have a letter, and a click finds the same word", () => {
        const lettered = c.words.filter((w) => /\p{L}/u.test(w));
        expect(distinctWords(c.text)).toEqual([...new Set(lettered)]);
        for (const w of found) {
          expect(wordAt(c.text, w.start)).toBe(/\p{L}/u.test(w.text) ? w.text : null);
          expect(wordAt(c.text, w.end)).toBe(/\p{L}/u.test(w.text) ? w.text : null);
          expect(isSingleWord(w.text)).toBe(/\p{L}/u.test(w.text));
        }
      });
    });
  }

  it("a selection of two words, or of punctuation, is not a single word", () => {
    expect(isSingleWord("Korea Utara")).toBe(false);
    expect(isSingleWord("--")).toBe(false);
    expect(isSingleWord(" negara-negara ")).toBe(true);
  });
});

describe("folding", () => {
  it("folds case and accents the same way for search and the glossary filter", () => {
    expect(foldForSearch("Kosmodr\u00f3m")).toBe("kosmodrom");
    expect(foldForSearch("kosmodro\u0301m")).toBe("kosmodrom");
  });

  it("folds every curly quote, low quote, guillemet and the letter apostrophe", () => {
    expect(
      foldQuotes("\u201cA\u201d \u201eB\u201f \u00abC\u00bb \u2018D\u2019 \u201aE\u201b F\u02bcG"),
    ).toBe('"A" "B" "C" \'D\' \'E\' F\'G');
  });

  it("translation memory keys and the matcher agree on quotes", () => {
    expect(sourceKey("\u201cKorut\u201d menembak \u00abrudal\u00bb")).toBe(
      sourceKey('"Korut" menembak "rudal"'),
    );
    const matcher = buildMatcher([{ id: 1, patterns: ['Kata "Korut"'] }]);
    expect(matcher.find("Kata \u00abKorut\u00bb hari ini")).toHaveLength(1);
    expect(matcher.find("Kata \u201cKorut\u201d hari ini")).toHaveLength(1);
  });
});

describe("control characters", () => {
  it.each([
    ["\u0000", true],
    ["\u0007", true],
    ["\u007f", true],
    ["\u0085", true],
    ["\uffff", true],
    ["tab\there", false],
    ["two\nlines\r\n", false],
    ["caf\u00e9 \u2014 ok", false],
  ])("%j in a text field: %s", (text, refused) => {
    expect(hasControlChars(text)).toBe(refused);
  });

  it("one-line fields also refuse tabs and line breaks", () => {
    expect(hasControlChars("a\tb", { lineBreaks: false })).toBe(true);
    expect(hasControlChars("a\nb", { lineBreaks: false })).toBe(true);
    expect(hasControlChars("a b", { lineBreaks: false })).toBe(false);
  });
});

describe("escaping and marking", () => {
  it("escapes markup for HTML and XML alike", () => {
    expect(escapeMarkup(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
    );
  });

  it("cuts a text at spans, skipping overlapping and out-of-range ones", () => {
    const pieces = splitAtSpans("Kim Jong Un tiba", [
      { start: 0, end: 3 },
      { start: 2, end: 5 },
      { start: 9, end: 11 },
      { start: 15, end: 40 },
    ]);
    expect(pieces.map((p) => [p.text, p.span !== undefined])).toEqual([
      ["Kim", true],
      [" Jong ", false],
      ["Un", true],
      [" tiba", false],
    ]);
  });
});
