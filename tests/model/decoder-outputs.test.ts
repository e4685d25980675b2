// The merged decoder's cached steps fetch only the outputs that change
// (lib/translation/decoder-outputs.ts), on the real Transformers.js loading
// path and the generated model that was never trained on placeholders.
import { describe, expect, it } from "vitest";
import { fetchOnlyChangingOutputs } from "@/lib/translation/decoder-outputs";
import { resolveModelSource } from "@/lib/translation/model-source";
import { loadTranslationPipeline } from "@/lib/translation/pipeline";

const SENTENCES = [
  "Kim bertemu Putin di Rusia.",
  "Menteri luar negeri tiba di Jakarta pada hari Senin.",
  "Dewan Keamanan PBB bersidang.",
];

interface Session {
  inputNames: string[];
  outputNames: string[];
  run(feeds: Record<string, unknown>, ...rest: unknown[]): Promise<Record<string, unknown>>;
}
interface Translator {
  tokenizer(texts: string[], o: { padding: boolean; truncation: boolean }): Record<string, unknown>;
  model: {
    sessions: Record<string, Session>;
    generate(o: Record<string, unknown>): Promise<{ tolist(): (number | bigint)[][] }>;
  };
}

async function load(): Promise<Translator> {
  const source = resolveModelSource("tests/fixtures/tiny-marian-plain");
  return (await loadTranslationPipeline(source)) as Translator;
}

async function generate(translator: Translator): Promise<string> {
  const inputs = translator.tokenizer(SENTENCES, { padding: true, truncation: true });
  const out = await translator.model.generate({ ...inputs, max_new_tokens: 40 });
  return JSON.stringify(out.tolist().map((row) => row.map(Number)));
}

describe("the decoder's outputs", () => {
  it("leaves the encoder's keys and values out of cached steps, and generates the same tokens", async () => {
    const plain = await load();
    const narrowed = await load();
    const session = narrowed.model.sessions.decoder_model_merged!;
    const encoderOutputs = session.outputNames.filter((n) => n.includes(".encoder."));
    // Every step returns the encoder's keys and values, as the real export's decoder does.
    expect(encoderOutputs.length).toBeGreaterThan(0);

    const fetched: (string[] | "all")[] = [];
    const run = session.run.bind(session);
    session.run = (feeds, ...rest) => {
      fetched.push(Array.isArray(rest[0]) ? (rest[0] as string[]) : "all");
      return run(feeds, ...rest);
    };
    fetchOnlyChangingOutputs(session);

    expect(await generate(narrowed)).toBe(await generate(plain));
    // The first step computes the encoder's keys and values; every later one leaves them out.
    expect(fetched[0]).toBe("all");
    expect(fetched.length).toBeGreaterThan(2);
    for (const names of fetched.slice(1)) {
      expect(names).not.toBe("all");
      for (const name of encoderOutputs) expect(names).not.toContain(name);
      expect(names).toContain("logits");
    }
  });
});
