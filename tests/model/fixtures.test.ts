import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";

// Every test that reads a translation relies on the fixtures decoding as they
// did where they were built. Their quantized files must give the same output
// on any x86 CPU (scripts/models/build-tiny-marian.py, WEIGHT_LEVELS): if this fails
// on a machine, the other model tests' expectations are not to be trusted there.
const FIXTURES = ["tests/fixtures/tiny-marian", "tests/fixtures/tiny-marian-plain"];

describe.each(FIXTURES)("the fixture %s", (dir) => {
  const pairs = JSON.parse(fs.readFileSync(path.join(dir, "training-pairs.json"), "utf8")) as [
    string,
    string,
  ][];

  it.each(["q8", "fp32"] as const)(
    "reproduces every training pair with %s weights, in batches",
    async (dtype) => {
      const engine = new TransformersEngine({ ...resolveModelSource(dir), dtype });
      const wrong: string[] = [];
      for (let i = 0; i < pairs.length; i += 16) {
        const batch = pairs.slice(i, i + 16);
        const out = await engine.translateBatch(batch.map(([source]) => ({ source })));
        out.forEach((result, k) => {
          const [source, target] = batch[k]!;
          if (result.text !== target) wrong.push(`${source} → ${result.text} (not ${target})`);
        });
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    },
    120_000,
  );
});
