import { describe, expect, it } from "vitest";
import { corpusChrf, sentenceChrf } from "@/lib/quality/chrf";

// Expected values are the scores sacreBLEU gives (its default chrF: character
// n-grams up to 6, whitespace removed, precision and recall averaged over the
// orders present), from its own test cases and its documented examples.
describe("chrF", () => {
  it("scores a sentence as sacreBLEU's chrF2 does", () => {
    expect(
      sentenceChrf(
        "The relationship between Obama and Netanyahu is not exactly friendly.",
        "The ties between Obama and Netanyahu are not particularly friendly.",
      ),
    ).toBeCloseTo(61.576379378113785, 8);
  });

  it("sums the n-gram counts of a corpus before scoring, as sacreBLEU does", () => {
    const hypotheses = [
      "The relationship between cats and dogs is not exactly friendly.",
      "a good bookshop is just a genteel black hole that knows how to read.",
    ];
    const references = [
      "The relationship between dogs and cats is not exactly friendly.",
      "A good bookshop is just a genteel Black Hole that knows how to read.",
    ];
    expect(corpusChrf(hypotheses, references)).toBeCloseTo(84.64214891738334, 8);
    // A short sentence weighs less in the sum than in a mean of sentence scores.
    const short = corpusChrf(["Kim.", hypotheses[0]!], ["Putin.", references[0]!]);
    const mean =
      (sentenceChrf("Kim.", "Putin.") + sentenceChrf(hypotheses[0]!, references[0]!)) / 2;
    expect(short).toBeGreaterThan(mean + 10);
  });

  it("matches sacreBLEU's own test cases (β = 3)", () => {
    const cases: [string[], string[], number][] = [
      [["a"], ["a"], 100],
      [[""], ["reference"], 0],
      [["a b c"], ["a b c"], 100],
      [["a b c"], ["abc"], 100],
      [[""], ["c"], 0],
      [["a", "b"], ["a", "c"], 50],
      [["aa"], ["ab"], 25],
    ];
    for (const [hypotheses, references, expected] of cases) {
      expect(corpusChrf(hypotheses, references, 3)).toBeCloseTo(expected, 4);
    }
  });

  it("ignores whitespace but not case", () => {
    expect(sentenceChrf("Kim  met Putin.", "Kim met Putin.")).toBe(100);
    expect(sentenceChrf("kim met putin.", "Kim met Putin.")).toBeLessThan(100);
  });

  it("refuses a corpus whose references do not pair with its hypotheses", () => {
    expect(() => corpusChrf(["a"], [])).toThrow(/one reference per hypothesis/);
  });
});
