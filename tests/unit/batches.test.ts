import { describe, expect, it } from "vitest";
import { estimateTokens, planBatches } from "@/lib/translation/batches";

const sentence = (words: number, tag: string) => ({
  source: `${tag} ${Array.from({ length: words }, () => "kata").join(" ")}.`,
});

describe("planBatches", () => {
  it("groups sentences of similar length, many short ones to a call and few long ones", () => {
    const short = Array.from({ length: 8 }, (_, i) => sentence(3, `s${i}`));
    const long = Array.from({ length: 4 }, (_, i) => sentence(60, `l${i}`));
    const items = [long[0]!, short[0]!, long[1]!, ...short.slice(1), ...long.slice(2)];
    const batches = planBatches(items, { maxRows: 8, maxTokens: 256 });
    // Every sentence exactly once.
    const sources = (list: { source: string }[]) => list.map((s) => s.source).sort();
    expect(sources(batches.flat())).toEqual(sources(items));
    // Shortest first, and no batch mixes the short and the long sentences.
    expect(batches[0]!.every((s) => s.source.startsWith("s"))).toBe(true);
    for (const batch of batches) {
      const kinds = new Set(batch.map((s) => s.source[0]));
      expect(kinds.size).toBe(1);
      const longest = Math.max(...batch.map((s) => estimateTokens(s.source)));
      expect(batch.length === 1 || longest * batch.length <= 256).toBe(true);
      expect(batch.length).toBeLessThanOrEqual(8);
    }
    expect(batches[0]).toHaveLength(8);
    expect(batches.at(-1)!.length).toBeLessThan(4);
  });

  it("gives a sentence longer than the budget a call of its own", () => {
    const huge = sentence(400, "h");
    const batches = planBatches([sentence(2, "a"), huge, sentence(2, "b")], {
      maxRows: 8,
      maxTokens: 64,
    });
    expect(batches).toEqual([
      [
        expect.objectContaining({ source: expect.stringMatching(/^a/) }),
        expect.objectContaining({ source: expect.stringMatching(/^b/) }),
      ],
      [huge],
    ]);
  });

  it("never puts more rows in a call than allowed", () => {
    const items = Array.from({ length: 10 }, (_, i) => sentence(1, `x${i}`));
    expect(planBatches(items, { maxRows: 4, maxTokens: 10_000 }).map((b) => b.length)).toEqual([
      4, 4, 2,
    ]);
  });
});
