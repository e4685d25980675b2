// Beam search in the engine, on the real Transformers.js loading path and the
// generated fixtures: one beam is exactly Transformers.js's own greedy
// decoding; wider beams keep the training sentences; constrained search
// writes every rendering once, and nothing beside it.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { GUARDS } from "@/lib/translation/decode";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { resolveModelSource } from "@/lib/translation/models/source";
import { loadTranslationPipeline } from "@/lib/translation/pipeline";
import { mentionsOf } from "@/lib/translation/search/constraints";

const FIXTURES = ["tests/fixtures/tiny-marian", "tests/fixtures/tiny-marian-plain"];

// Training sentences, and sentences far outside the fixtures' patterns (they loop, run long, stop short).
const UNSEEN = [
  "Pemimpin Korea Utara Kim Jong Un membahas langkah-langkah tindak lanjut kunjungannya baru-baru ini ke Rusia.",
  "Bawa pulang banyak hadiah",
  "Zebra qwerty xylofon.",
  "Pertemuan itu berlangsung tertutup selama dua jam di kosmodrom.",
];

function trainingPairs(fixture: string, every: number): [string, string][] {
  const pairs = JSON.parse(fs.readFileSync(`${fixture}/training-pairs.json`, "utf8")) as [
    string,
    string,
  ][];
  return pairs.filter((_, i) => i % every === 0);
}

interface Greedy {
  tokenizer: {
    (texts: string[], o: { padding: boolean; truncation: boolean }): Record<string, unknown>;
    batch_decode(ids: number[][], o: { skip_special_tokens: boolean }): string[];
  };
  model: { generate(o: Record<string, unknown>): Promise<{ tolist(): (number | bigint)[][] }> };
}

describe.each(FIXTURES)("beam search on %s", (fixture) => {
  it("with one beam, writes exactly what Transformers.js's greedy decoding writes", async () => {
    const sentences = [...trainingPairs(fixture, 40).map(([s]) => s), ...UNSEEN];
    const bare = (await loadTranslationPipeline(resolveModelSource(fixture))) as Greedy;
    const expected: string[] = [];
    for (const source of sentences) {
      // One at a time, with the loop guards and the length cap the engine uses.
      const inputs = bare.tokenizer([source], { padding: true, truncation: true });
      const output = await bare.model.generate({
        ...inputs,
        ...GUARDS.normal,
        max_new_tokens: Math.ceil(source.length / 2) + 32,
      });
      const ids = output.tolist()[0]!.map(Number);
      expected.push(bare.tokenizer.batch_decode([ids], { skip_special_tokens: true })[0]!.trim());
    }
    // One at a time here too: in a padded batch, float rounding may tip a near tie on unseen text.
    const engine = new TransformersEngine(resolveModelSource(fixture), undefined, undefined, 1);
    const results = [];
    for (const source of sentences) results.push(...(await engine.translateBatch([{ source }])));
    expect(results.map((r) => r.text)).toEqual(expected);
  });

  it("with four beams, still translates its training sentences exactly", async () => {
    const pairs = trainingPairs(fixture, 25);
    const engine = new TransformersEngine(resolveModelSource(fixture), undefined, undefined, 4);
    const results = await engine.translateBatch(pairs.map(([source]) => ({ source })));
    expect(results.map((r) => r.text)).toEqual(pairs.map(([, target]) => target));
    for (const r of results) expect(r.confidence).toBeGreaterThan(0.9);
  });

  it("searches with other beams on the same loaded model as a model loaded for them", async () => {
    const sentences = [...trainingPairs(fixture, 200).map(([s]) => s), ...UNSEEN];
    const requests = sentences.map((source) => ({ source }));
    const greedy = new TransformersEngine(resolveModelSource(fixture), undefined, undefined, 1);
    const shared = greedy.withBeams(4);
    const own = new TransformersEngine(resolveModelSource(fixture), undefined, undefined, 4);
    const [fromShared, fromOwn, fromGreedy] = [
      await shared.translateBatch(requests),
      await own.translateBatch(requests),
      await greedy.translateBatch(requests),
    ];
    expect(shared.status()).toEqual({ id: fixture, state: "ready" });
    expect(fromShared.map((r) => [r.text, r.decoding])).toEqual(
      fromOwn.map((r) => [r.text, r.decoding]),
    );
    expect(new Set(fromShared.map((r) => r.decoding))).toEqual(new Set(["beam 4"]));
    expect(new Set(fromGreedy.map((r) => r.decoding))).toEqual(new Set(["greedy"]));
  });
});

describe("constrained search on the fixture never trained on placeholders", () => {
  const engine = new TransformersEngine(
    resolveModelSource("tests/fixtures/tiny-marian-plain"),
    undefined,
    undefined,
    4,
  );

  it("writes every rendering the plain translation lacks, each once, and none beside the model's own wording", async () => {
    const cases = [
      {
        source: "DK PBB mengecam Korea Utara.",
        steer: [{ text: "the DPRK", term: "Korea Utara" }],
      },
      { source: "Kim bertemu Putin di Rusia.", steer: [{ text: "Vladimir Putin", term: "Putin" }] },
      {
        source: "DK PBB bertemu KCNA di Tiongkok.",
        steer: [{ text: "Korean Central News Agency", term: "KCNA" }],
      },
    ];
    const plain = await engine.translateBatch(cases.map(({ source }) => ({ source })));
    const steered = await engine.translateBatch(cases);
    cases.forEach((c, i) => {
      const text = steered[i]!.text;
      for (const { text: rendering } of c.steer) {
        // The plain translation lacked it; the constrained one writes it exactly once.
        expect(plain[i]!.text).not.toContain(rendering.replace(/^the /, ""));
        expect(mentionsOf(rendering, text)).toBe(1);
      }
      expect(steered[i]!.forced).toEqual(c.steer.map((s) => s.text));
    });
    // The model's own wordings stand no more beside the renderings.
    expect(steered[0]!.text).not.toContain("North Korea");
    expect(steered[1]!.text.match(/Putin/g)).toHaveLength(1);
    expect(steered[2]!.text).not.toContain("KCNA");
  });

  it("leaves a translation that already carries its renderings exactly as the plain search wrote it", async () => {
    const source = "DK PBB mengecam Korea Utara.";
    const [plain] = await engine.translateBatch([{ source }]);
    const [kept] = await engine.translateBatch([
      { source, steer: [{ text: "UN Security Council", term: "DK PBB" }, { text: "North Korea" }] },
    ]);
    expect(kept).toEqual(plain);
    expect(kept!.forced).toEqual([]);
  });
});
