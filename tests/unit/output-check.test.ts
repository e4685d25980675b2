import { describe, expect, it } from "vitest";
import {
  checkOutput,
  parseFlags,
  repeatedRun,
  serializeFlags,
} from "@/lib/translation/output-check";
import { confidenceFromLogProb } from "@/lib/translation/decode";

const LONG_SOURCE =
  "Dalam pertemuan Politbiro pada Rabu, Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA).";

describe("checkOutput", () => {
  it("finds a word or a phrase repeated three times in a row", () => {
    expect(repeatedRun("The Politburo condemned by by by Russia.")).toBe("by");
    expect(repeatedRun("I'm sorry I'm sorry I'm sorry")).toBe("i'm sorry");
    expect(repeatedRun("Korea Korea met in Ukraine.")).toBeNull();
    expect(repeatedRun("North Korea met North Korea and North Korean envoys.")).toBeNull();
    expect(checkOutput("Politbiro bersidang.", "The by by by.")).toEqual(["repetition"]);
  });

  it("takes far too short or far too long output for degenerate, not a short headline", () => {
    expect(checkOutput(LONG_SOURCE, "the Indonesia.")).toEqual(["tooShort"]);
    expect(checkOutput("Kim tiba.", "Kim arrived.")).toEqual([]);
    expect(
      checkOutput("Kim tiba di Rusia.", "Kim arrived in Russia " + "and more ".repeat(10)),
    ).toContain("tooLong");
  });

  it("takes empty and untranslated output for degenerate", () => {
    expect(checkOutput("Kim tiba.", " .. ")).toEqual(["empty"]);
    expect(checkOutput("Kim tiba di Rusia kemarin.", "Kim tiba di Rusia kemarin.")).toEqual([
      "untranslated",
    ]);
    // Names alone read the same in both languages.
    expect(checkOutput("Kim Jong Un.", "Kim Jong Un.")).toEqual([]);
  });

  it("accepts an ordinary translation", () => {
    expect(
      checkOutput(
        "Korea Utara baru-baru ini memperkuat hubungan militer dengan Rusia.",
        "North Korea has recently strengthened military ties with Russia.",
      ),
    ).toEqual([]);
  });
});

describe("flags and confidence", () => {
  it("stores flags as a JSON list and reads back only known ones", () => {
    expect(serializeFlags([])).toBeNull();
    expect(serializeFlags(["termMissing", "degenerate"])).toBe('["degenerate","termMissing"]');
    expect(parseFlags('["termMissing","other"]')).toEqual(["termMissing"]);
    expect(parseFlags("not json")).toEqual([]);
    expect(parseFlags(null)).toEqual([]);
  });

  it("maps a mean log-probability to 0-1", () => {
    expect(confidenceFromLogProb(0)).toBe(1);
    expect(confidenceFromLogProb(Math.log(0.5))).toBeCloseTo(0.5, 10);
    expect(confidenceFromLogProb(-Infinity)).toBe(0);
  });
});
