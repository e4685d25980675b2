import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TranslationEngine } from "@/lib/translation/engine";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { repeatedRun } from "@/lib/translation/output-check";
import { resolveModelSource } from "@/lib/translation/models/source";

const FIXTURE = "tests/fixtures/tiny-marian";
const PLAIN_FIXTURE = "tests/fixtures/tiny-marian-plain";

async function texts(engine: TranslationEngine, sentences: string[]): Promise<string[]> {
  return (await engine.translateBatch(sentences.map((source) => ({ source })))).map((r) => r.text);
}

describe("resolveModelSource", () => {
  it("takes an existing relative directory for a local model, not a hub id", () => {
    const source = resolveModelSource(FIXTURE);
    expect(source).toMatchObject({
      id: FIXTURE,
      name: "tiny-marian",
      allowRemote: false,
      installed: true,
    });
    expect(source.localModelPath).toBe(path.resolve("tests/fixtures"));
  });

  it("looks for a hub id in models/ and only asks the hub when it is missing", () => {
    const source = resolveModelSource("Xenova/opus-mt-id-en", path.resolve("tmp/no-such-root"));
    expect(source).toMatchObject({
      name: "Xenova/opus-mt-id-en",
      installed: false,
      allowRemote: true,
    });
  });
});

describe("TransformersEngine with the fixture model", () => {
  const engine = new TransformersEngine(resolveModelSource(FIXTURE));

  it("is idle until loaded, then ready", async () => {
    expect(engine.status()).toEqual({ id: FIXTURE, state: "idle" });
    expect(await engine.ensureLoaded()).toBe(true);
    expect(engine.status()).toEqual({ id: FIXTURE, state: "ready" });
  });

  it("translates its training sentences exactly", async () => {
    expect(await texts(engine, ["Kim bertemu Putin di Rusia."])).toEqual([
      "Kim met Putin in Russia.",
    ]);
  });

  it("gives the same output in a batch as one by one, in order", async () => {
    const sentences = [
      "Kim bertemu Putin di Rusia.",
      "Xi bertemu Kim di Pyongyang.",
      "Putin bertemu Shoigu di Moskow.",
    ];
    const batched = await texts(engine, sentences);
    const single = [];
    for (const s of sentences) single.push(...(await texts(engine, [s])));
    expect(batched).toEqual(single);
    expect(batched[1]).toBe("Xi met Kim in Pyongyang.");
  });

  it("terminates on text it has never seen", async () => {
    const [out] = await texts(engine, ["Zebra qwerty xylofon."]);
    expect(typeof out).toBe("string");
  });

  it("scores a sentence from its training patterns above one outside them", async () => {
    const [known, unknown] = await engine.translateBatch([
      { source: "Kim bertemu Putin di Rusia." },
      { source: "Pertemuan itu berlangsung tertutup selama dua jam di kosmodrom." },
    ]);
    expect(known!.confidence).toBeGreaterThan(0.95);
    expect(known!.confidence).toBeLessThanOrEqual(1);
    expect(unknown!.confidence).toBeGreaterThanOrEqual(0);
    expect(unknown!.confidence).toBeLessThan(known!.confidence);
    expect(known!.meanLogProb).toBeCloseTo(Math.log(known!.confidence), 6);
  });

  it("stops a loop with the strong guard", async () => {
    // A seed-article sentence, far outside the fixture's training patterns.
    const source =
      "Pemimpin Korea Utara Kim Jong Un membahas langkah-langkah tindak lanjut kunjungannya baru-baru ini ke Rusia dalam pertemuan formal pertama politbiro Partai Pekerja sejak ia kembali dari lawatan tersebut, kata media pemerintah KCNA pada Jumat (22/9).";
    const [normal] = await texts(engine, [source]);
    const [strong] = await engine.translateBatch([{ source, guard: "strong" }]);
    expect(repeatedRun(normal!)).not.toBeNull();
    expect(repeatedRun(strong!.text)).toBeNull();
  });
});

describe("glossary renderings (fixture never trained on placeholders)", () => {
  const engine = new TransformersEngine(resolveModelSource(PLAIN_FIXTURE));

  it("has never seen a placeholder: it does not copy one through", async () => {
    const [out] = await texts(engine, ["TERM0 bertemu Putin di TERM1."]);
    expect(out).not.toMatch(/TERM0.*TERM1/);
  });

  it("writes a rendering the plain output lacks, once, in place of the model's own wording", async () => {
    const source = "Kim bertemu Putin di Rusia.";
    const [plain] = await engine.translateBatch([{ source }]);
    expect(plain!.text).toBe("Kim met Putin in Russia.");
    const [steered] = await engine.translateBatch([
      { source, steer: [{ text: "Vladimir Putin", term: "Putin" }] },
    ]);
    expect(steered!.text).toContain("Vladimir Putin");
    expect(steered!.text.match(/Putin/g)).toHaveLength(1);
    expect(steered!.forced).toEqual(["Vladimir Putin"]);
  });

  it("leaves a row without steering exactly as plain decoding, in the same batch", async () => {
    const [plain] = await texts(engine, ["Xi bertemu Shoigu di Moskow."]);
    const [, other] = await engine.translateBatch([
      { source: "Kim bertemu Putin di Rusia.", steer: [{ text: "Vladimir Putin" }] },
      { source: "Xi bertemu Shoigu di Moskow." },
    ]);
    expect(other!.text).toBe(plain);
  });

  it("cannot spell a rendering outside its vocabulary, and says nothing was forced", async () => {
    const [out] = await engine.translateBatch([
      { source: "Kim bertemu Putin di Rusia.", steer: [{ text: "Путин" }] },
    ]);
    expect(out!.text).toBe("Kim met Putin in Russia.");
    expect(out!.forced).toEqual([]);
  });
});

describe("an engine whose model is missing", () => {
  it("reports unavailable with the reason and how to install it, without throwing", async () => {
    const engine = new TransformersEngine(resolveModelSource("tmp/no-such-model-dir/"));
    expect(await engine.ensureLoaded()).toBe(false);
    const status = engine.status();
    expect(status.state).toBe("unavailable");
    expect(status.error).toMatch(/not installed/);
    expect(status.hint).toMatch(/config\.json/);
    await expect(engine.translateBatch([{ source: "Kim bertemu Putin." }])).rejects.toThrow(
      /not installed/,
    );
  });

  it("explains how to download the default model when offline", () => {
    process.env.MT_OFFLINE = "1";
    try {
      const engine = new TransformersEngine(
        resolveModelSource("Xenova/opus-mt-id-en", path.resolve("tmp/no-such-root")),
      );
      const status = engine.status();
      expect(status.state).toBe("unavailable");
      expect(status.hint).toContain("npm run model:download");
    } finally {
      delete process.env.MT_OFFLINE;
    }
  });
});
