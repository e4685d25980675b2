// Part 8 of `npm run bench:mt`: another architecture beside the opus-shaped
// stand-in. Both run through the app's engine (language codes and the forced
// language token included), on the same sentences in the app's batches, greedy,
// at beam 2 and at each one's own default, interleaved round by round.
import path from "node:path";
import type { SentenceRequest } from "../../lib/translation/decode";
import { resolveModelSource } from "../../lib/translation/models/source";
import { TransformersEngine } from "../../lib/translation/transformers-engine";
import { median, round, time } from "./library";
import { ensureStandIn, StandInMissing } from "./stand-in";

interface Compared {
  /** The opus-shaped stand-in (or BENCH_MODEL). */
  model: string;
  /** The other architecture's stand-in (BENCH_OTHER_MODEL, NLLB-shaped by default). */
  other: string;
  sentences: string[];
  batches: string[][];
  threads: number;
  rounds: number;
}

interface Measured {
  name: string;
  beams: number;
  decoding: string;
  ms: number;
  tokens: number;
}

const requests = (list: string[]): SentenceRequest[] => list.map((source) => ({ source }));

/** Prints the table; resolves to the JSON line's figures, or {} when the other stand-in is missing. */
export async function compareArchitectures(c: Compared): Promise<Record<string, number>> {
  try {
    ensureStandIn(c.other);
  } catch (error) {
    if (!(error instanceof StandInMissing)) throw error;
    console.log(`\n  the models part is skipped: ${error.message}`);
    return {};
  }
  const other = resolveModelSource(c.other);
  if (!other.installed) return {};
  const compared = [
    { name: path.basename(c.model), source: resolveModelSource(c.model) },
    { name: path.basename(c.other), source: other },
  ];
  const loaded: { name: string; engine: TransformersEngine; beams: number; decoding: string }[] =
    [];
  for (const { name, source } of compared) {
    const probe = new TransformersEngine(source, undefined, c.threads);
    await probe.ensureLoaded();
    const defaultBeams = probe.beamCount ?? 1;
    for (const beams of [...new Set([1, 2, defaultBeams])].sort((a, b) => a - b)) {
      const engine = beams === defaultBeams ? probe : probe.withBeams(beams);
      await engine.ensureLoaded();
      await engine.translateBatch(requests(c.sentences.slice(0, 2))); // warm up
      loaded.push({
        name,
        engine,
        beams,
        decoding:
          (beams === 1 ? "greedy" : `beam ${beams}`) + (beams === defaultBeams ? " (default)" : ""),
      });
    }
  }
  const rounds = Math.max(1, Math.min(c.rounds, 2));
  const times = loaded.map(() => [] as number[]);
  const tokens = loaded.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    const order = loaded.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      let generated = 0;
      times[i]!.push(
        await time(async () => {
          for (const b of c.batches) {
            const out = await loaded[i]!.engine.translateBatch(requests(b));
            generated += out.reduce((n, result) => n + result.tokens, 0);
          }
        }),
      );
      tokens[i] = generated;
    }
  }
  const measured: Measured[] = loaded.map((l, i) => ({
    name: l.name,
    beams: l.beams,
    decoding: l.decoding,
    ms: median(times[i]!),
    tokens: tokens[i]!,
  }));
  const n = c.sentences.length;
  console.log(
    `\n| model (${n} sentences, ${c.batches.length} batches, ${c.threads} thread(s)) | decoding | time | sentences/s | target tokens/s |`,
  );
  console.log("| --- | --- | --- | --- | --- |");
  for (const m of measured) {
    console.log(
      `| ${m.name} | ${m.decoding} | ${(m.ms / 1000).toFixed(1)} s | ${(n / (m.ms / 1000)).toFixed(2)} | ${(m.tokens / (m.ms / 1000)).toFixed(0)} |`,
    );
  }
  const perSecond = (name: string, which: "greedy" | "default") => {
    const m = measured.find((x) =>
      which === "greedy"
        ? x.name === name && x.beams === 1
        : x.name === name && x.decoding.endsWith("(default)"),
    )!;
    return n / (m.ms / 1000);
  };
  const [opus, nllb] = compared.map((x) => x.name) as [string, string];
  return {
    opusSentencesPerSecond: round(perSecond(opus, "default")),
    nllbSentencesPerSecond: round(perSecond(nllb, "default")),
    nllbGreedySentencesPerSecond: round(perSecond(nllb, "greedy")),
    nllbOverOpusTime: round(perSecond(opus, "default") / perSecond(nllb, "default")),
  };
}
