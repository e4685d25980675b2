import path from "node:path";
import { describe, expect, it } from "vitest";
import { cutAtEos, TransformersEngine } from "@/lib/translation/engine";
import { resolveModelSource } from "@/lib/translation/model-source";

const FIXTURE = "tests/fixtures/tiny-marian";

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

describe("cutAtEos", () => {
  it("drops the decoder start token and everything from the first </s> on", () => {
    expect(
      cutAtEos(
        [
          [5, 10, 11, 0, 12, 13],
          [5, 20, 0, 5, 5, 5],
        ],
        [0],
        5,
      ),
    ).toEqual([[10, 11], [20]]);
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
    expect(await engine.translateBatch(["Kim bertemu Putin di Rusia."])).toEqual([
      "Kim met Putin in Russia.",
    ]);
  });

  it("gives the same output in a batch as one by one, in order", async () => {
    const sentences = [
      "Kim bertemu Putin di Rusia.",
      "Xi bertemu Kim di Pyongyang.",
      "Putin bertemu Shoigu di Moskow.",
    ];
    const batched = await engine.translateBatch(sentences);
    const single = [];
    for (const s of sentences) single.push(...(await engine.translateBatch([s])));
    expect(batched).toEqual(single);
    expect(batched[1]).toBe("Xi met Kim in Pyongyang.");
  });

  it("terminates on text it has never seen", async () => {
    const [out] = await engine.translateBatch(["Zebra qwerty xylofon."]);
    expect(typeof out).toBe("string");
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
    await expect(engine.translateBatch(["Kim bertemu Putin."])).rejects.toThrow(/not installed/);
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
