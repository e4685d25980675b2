// `npm run bench:quality` on a references file a user gives, with a fixture
// model: it reads the pairs, measures each beam count with and without the
// glossary, and ends with its JSON line of figures.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { corpusChrf } from "@/lib/quality/chrf";

const run = promisify(execFile);
const DIR = path.join(process.env.DWIBAHASA_TEST_DIR ?? path.resolve("tmp/test"), "bench-quality");

async function benchQuality(args: string[]) {
  return run(process.execPath, ["--import", "tsx", "scripts/bench/quality.ts", ...args], {
    env: { ...process.env, MT_THREADS: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe("npm run bench:quality", () => {
  it("measures a given references file and ends with its figures", async () => {
    fs.mkdirSync(DIR, { recursive: true });
    // Training sentences of the fixture with their references, and one with a
    // reference that differs, as a newsroom's own set would.
    const pairs = [
      ["Kim bertemu Putin di Rusia.", "Kim met Putin in Russia."],
      ["DK PBB mengecam Korea Utara.", "The UN Security Council condemned North Korea."],
      ["Kim dan Xi bertemu di Korut.", "Kim and Xi met in North Korea."],
      ["Korut dan Xi bertemu di Moskow.", "North Korea and Xi held talks in Moscow."],
    ];
    const file = path.join(DIR, "pairs.tsv");
    fs.writeFileSync(file, ["source\treference", ...pairs.map((p) => p.join("\t"))].join("\n"));
    const { stdout } = await benchQuality([
      "--model",
      "tests/fixtures/tiny-marian-plain",
      "--references",
      file,
      "--skip-seed",
      "--beams",
      "1,2",
    ]);
    const figures = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(figures).toMatchObject({ references: "pairs.tsv", defaultBeams: 2 });
    // The fixture translates the first three exactly: chrF is what the fourth leaves of 100.
    const expected = corpusChrf(
      [
        "Kim met Putin in Russia.",
        "The UN Security Council condemned North Korea.",
        "Kim and Xi met in North Korea.",
        "North Korea and Xi met in Moscow.",
      ],
      pairs.map((p) => p[1]!),
    );
    expect(figures.greedyChrf).toBeCloseTo(expected, 2);
    expect(Object.keys(figures.beams as object)).toEqual(["1", "2"]);
    for (const key of [
      "glossaryTermChrf",
      "plainTermChrf",
      "termAccuracy",
      "renderingTwice",
      "greedySecondsPerSentence",
      "defaultSecondsPerSentence",
    ]) {
      expect(figures).toHaveProperty(key);
    }
    expect(figures.termAccuracy).toBe(1);
    expect(stdout).toContain("term accuracy");
  }, 120_000);

  it("refuses a references file that is not pairs, saying which line", async () => {
    fs.mkdirSync(DIR, { recursive: true });
    const file = path.join(DIR, "broken.jsonl");
    fs.writeFileSync(
      file,
      '{"source": "Kim bertemu Putin.", "reference": "Kim met Putin."}\n{"source": "x"}\n',
    );
    const failed = await benchQuality(["--references", file, "--skip-seed"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("broken.jsonl, line 2");
  }, 60_000);
});
