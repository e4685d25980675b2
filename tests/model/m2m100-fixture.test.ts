import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, pipeline, type TranslationPipeline } from "@huggingface/transformers";

// The M2M100-shaped fixture (scripts/models/build-tiny-m2m100.py), loaded through
// the library's own translation pipeline exactly as a real Xenova/m2m100_418M would
// be: language codes as src_lang/tgt_lang, the source prefixed with __id__, the
// output started from </s> and forced to __en__.
const DIR = path.resolve("tests/fixtures/tiny-m2m100");
const GENERATE = { src_lang: "id", tgt_lang: "en" };
const TOKENIZE = { padding: true, truncation: true };

type Pair = [source: string, target: string, reproduced?: Partial<Record<"fp32" | "q8", boolean>>];
const pairs = JSON.parse(fs.readFileSync(path.join(DIR, "training-pairs.json"), "utf8")) as Pair[];

function translationText(out: unknown): string[] {
  return (out as { translation_text: string }[]).map((x) => x.translation_text);
}

describe.each(["fp32", "q8"] as const)("the fixture tiny-m2m100 with %s weights", (dtype) => {
  let translator: TranslationPipeline;

  beforeAll(async () => {
    env.allowRemoteModels = false;
    translator = await pipeline("translation", DIR, { dtype });
  });

  afterAll(async () => {
    await translator?.dispose();
  });

  it("translates a sentence given src_lang and tgt_lang", async () => {
    const out = await translator("Kim bertemu Putin di Rusia.", GENERATE);
    expect(translationText(out)).toEqual(["Kim met Putin in Russia."]);
  });

  it("encodes the source as __id__ … </s> and generates </s> __en__ … </s>", async () => {
    const tokenizer = translator.tokenizer;
    const ids = (token: string) => tokenizer.convert_tokens_to_ids(token);
    // What the pipeline does: rewrite the post-processor's language token to src_lang
    // and put the target language's id into the generation options.
    const options: Record<string, unknown> = { ...GENERATE };
    const inputs = (
      tokenizer as unknown as {
        _build_translation_inputs(t: string[], o: object, g: object): Record<string, unknown>;
      }
    )._build_translation_inputs(["Kim bertemu Putin di Rusia."], TOKENIZE, options);
    expect(options.forced_bos_token_id).toBe(ids("__en__"));
    const source = (inputs.input_ids as { tolist(): bigint[][] }).tolist()[0]!.map(Number);
    expect(source[0]).toBe(ids("__id__"));
    expect(source.at(-1)).toBe(2);

    const output = await translator.model.generate({ ...inputs, ...options });
    const row = (output as { tolist(): bigint[][] }).tolist()[0]!.map(Number);
    expect(row.slice(0, 2)).toEqual([2, ids("__en__")]);
    expect(row.at(-1)).toBe(2);
    expect(tokenizer.decode(row, { skip_special_tokens: true })).toBe("Kim met Putin in Russia.");
  });

  it("reproduces every recorded training pair, in batches", async () => {
    const expected = pairs.filter(([, , reproduced]) => reproduced?.[dtype] !== false);
    const wrong: string[] = [];
    for (let i = 0; i < expected.length; i += 32) {
      const batch = expected.slice(i, i + 32);
      const out = translationText(
        await translator(
          batch.map(([source]) => source),
          GENERATE,
        ),
      );
      out.forEach((text, k) => {
        const [source, target] = batch[k]!;
        if (text !== target) wrong.push(`${source} → ${text} (not ${target})`);
      });
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(expected.length).toBeGreaterThan(pairs.length * 0.95);
  }, 180_000);
});
