// `npm run bench:mt`: translation speed, side by side in one run on the same
// sentences and model:
//   1. the bare Transformers.js call (tokenizer + generate), one sentence at a
//      time and in the app's batches;
//   2. the app's engine (guards, confidence, output check), the same ways;
//   3. the whole seed library through the app's queue;
//   4. the weights and thread counts the export offers (q8/fp32 × 1/2 threads);
//   5. the web server's reader page, p50/p99 idle and while the library is
//      translated in the background (the built app, model in its worker);
//   6. glossary terms on both fixture models: term accuracy, model calls per
//      sentence and plain outputs kept exactly, before and now (bench:terms);
//   7. beam search: target tokens per second per thread at the default beam
//      count beside greedy decoding's, and the default's time over greedy's
//      for the whole seed library, batched as the app runs it;
//   8. the NLLB-200-shaped stand-in's sentences per second beside the
//      opus-shaped one's, through the app's engine (greedy and default beam).
// It prints a table and, last, one JSON line of ratios.
//
//   npm run bench:mt                                 # models/bench-opus-shaped (scripts/models/build-opus-shaped-model.py)
//   BENCH_MODEL=tests/fixtures/tiny-marian npm run bench:mt
//   BENCH_SENTENCES=24 BENCH_SECONDS=8 npm run bench:mt
//   BENCH_PARTS=engine,batches npm run bench:mt      # only some parts (engine, batches, queue, knobs, terms, beams, models, web)
//   BENCH_ROUNDS=5 npm run bench:mt                  # engine part: each item through both this many times (median; default 3)
import { saveArticle } from "../../lib/articles/store";
import { DEFAULT_BATCH_TOKENS, planBatches } from "../../lib/translation/batches";
import type { SentenceRequest } from "../../lib/translation/decode";
import { mtThreads, TransformersEngine } from "../../lib/translation/transformers-engine";
import { resolveModelSource, type ModelSource } from "../../lib/translation/models/source";
import { loadTranslationPipeline } from "../../lib/translation/pipeline";
import { TranslationQueue } from "../../lib/translation/queue";
import { queueOptions } from "../../lib/translation/service";
import { freshBenchDb, median, readArticleDrafts, removeBenchDbs, round, time } from "./library";
import { exitOnHelp } from "./help";
import { requireStandIn } from "./stand-in";
import { termTable } from "./terms";
import { compareArchitectures } from "./mt-models";
import { percentile, readerUnderTranslation } from "./web-load";

const MODEL = process.env.BENCH_MODEL ?? "models/bench-opus-shaped";
/** The other architecture the models part compares (scripts/models/build-nllb-shaped-model.py). */
const OTHER_MODEL = process.env.BENCH_OTHER_MODEL ?? "models/bench-nllb-shaped";
const SENTENCES = Number(process.env.BENCH_SENTENCES ?? 48);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** How many times the engine part runs each sentence and batch through both (the median counts). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const { batchSize: BATCH_ROWS, batchTokens: BATCH_TOKENS = DEFAULT_BATCH_TOKENS } = queueOptions();
const PARTS = new Set(
  (process.env.BENCH_PARTS ?? "engine,batches,queue,knobs,terms,beams,models,web")
    .split(",")
    .map((p) => p.trim()),
);

interface Row {
  what: string;
  sentences: number;
  ms: number;
  note?: string;
}
const rows: Row[] = [];

function record(what: string, sentences: number, ms: number, note?: string): number {
  rows.push({ what, sentences, ms, note });
  console.log(`  ${what}: ${(sentences / (ms / 1000)).toFixed(2)} sentences/s`);
  return ms;
}

// --- 1. The bare call --------------------------------------------------------

interface Bare {
  tokenizer: (
    texts: string[],
    o: { padding: boolean; truncation: boolean },
  ) => Record<string, unknown>;
  model: { generate(o: Record<string, unknown>): Promise<unknown> };
}

async function loadBare(source: ModelSource, threads?: number): Promise<Bare> {
  return (await loadTranslationPipeline(source, { threads })) as Bare;
}

/** What the engine does minus the app: tokenize, generate with the app's length cap. */
async function bareTranslate(bare: Bare, sentences: string[]): Promise<void> {
  const inputs = bare.tokenizer(sentences, { padding: true, truncation: true });
  const longest = Math.max(...sentences.map((s) => s.length));
  await bare.model.generate({
    ...inputs,
    max_new_tokens: Math.min(512, Math.ceil(longest / 2) + 32),
  });
}

function batchesOf(
  sentences: string[],
  limits = { maxRows: BATCH_ROWS, maxTokens: BATCH_TOKENS },
): string[][] {
  return planBatches(
    sentences.map((source) => ({ source })),
    limits,
  ).map((b) => b.map((s) => s.source));
}

// --- The run ----------------------------------------------------------------

const HELP = `npm run bench:mt

Measures translation speed, side by side in one run on the same seed sentences
and model (parts, in the order they run):
  engine   the bare Transformers.js call against the app's engine, one sentence
           at a time and in the app's batches
  batches  batch limits side by side
  queue    the whole seed library through the app's queue
  knobs    q8/fp32 weights × 1/2 ONNX threads
  terms    glossary terms on both fixture models (as npm run bench:terms)
  beams    beam search against greedy decoding: target tokens per second per
           thread, and the default's time over greedy's
  models   the NLLB-200-shaped stand-in beside the opus-shaped one
  web      the built app's reader page, p50/p99 idle and while translating
           (builds the app when there is no build)
The model is the opus-shaped stand-in (models/bench-opus-shaped), and for the
models part the NLLB-shaped one: each is built when missing or made by an
earlier version of its build script, with Debian's python3-torch, python3-onnx
and libopenblas0-pthread (installed when run as root with apt-get, else named
with the command to run).

  BENCH_MODEL=models/bench-opus-shaped        the model (any model folder)
  BENCH_OTHER_MODEL=models/bench-nllb-shaped  the models part's other model
  BENCH_PARTS=engine,batches,…                only some parts (default: all)
  BENCH_SENTENCES=48                          seed sentences measured
  BENCH_SECONDS=8                             seconds per web load run
  BENCH_ROUNDS=3                              engine part: runs per item (median)
  MT_THREADS, MT_BATCH_SIZE, MT_BATCH_TOKENS  as the app reads them

Prints a table, each goal met or not, and last one JSON line of ratios:
bareSentencesPerSecond, appOverBare, appOverBareSequential,
batchedOverSequential (engine); defaultBeams, greedyTokensPerSecondPerThread,
beamTokensPerSecondPerThread, beam4TokensPerSecondPerThread,
defaultOverGreedyTime (beams); opusSentencesPerSecond, nllbSentencesPerSecond,
nllbGreedySentencesPerSecond, nllbOverOpusTime (models);
readerP99TranslatingOverIdle (web); and the terms part's figures.`;

async function main(): Promise<void> {
  exitOnHelp(HELP);
  requireStandIn(MODEL);
  const source = resolveModelSource(MODEL);
  const drafts = readArticleDrafts("content");
  const sentences = drafts.flatMap((d) => d.paragraphs.flat()).slice(0, SENTENCES);
  const batches = batchesOf(sentences);
  // The app's own thread count (MT_THREADS, by default half the cores), for
  // the bare call too; the knobs part compares thread counts.
  const threads = mtThreads();
  console.log(
    `model ${MODEL} (${source.dtype}), ${sentences.length} seed sentences, ${batches.length} batches (≤${BATCH_ROWS} rows, ≤${BATCH_TOKENS} padded tokens), ${threads} ONNX thread(s)`,
  );
  const requests = (list: string[]): SentenceRequest[] => list.map((s) => ({ source: s }));
  const ratios: Record<string, number> = {};
  const goals: [string, boolean, string][] = [];

  // Greedy for parts 1-4, as the bare call decodes (part 7 compares beam counts).
  const engine = new TransformersEngine(source, undefined, threads, 1);
  await engine.ensureLoaded();
  await engine.translateBatch(requests(sentences.slice(0, 2))); // warm up

  // 1 and 2, the same sentences and batches, interleaved: each sentence (or
  // batch) goes through the bare call and the app's engine back to back, in
  // alternating order, ROUNDS times; an item's time is its median over the
  // rounds, so a stall of the machine during one call does not count.
  if (PARTS.has("engine")) {
    const bare = await loadBare(source, threads);
    await bareTranslate(bare, sentences.slice(0, 2)); // warm up
    const pair = async (items: string[][], label: string) => {
      const times = { bare: items.map(() => [] as number[]), app: items.map(() => [] as number[]) };
      const run = {
        bare: (b: string[]) => bareTranslate(bare, b),
        app: (b: string[]) => engine.translateBatch(requests(b)),
      };
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < items.length; i++) {
          const order =
            (round + i) % 2 === 0 ? (["bare", "app"] as const) : (["app", "bare"] as const);
          for (const which of order) times[which][i]!.push(await time(() => run[which](items[i]!)));
        }
      }
      const total = (which: "bare" | "app") => times[which].reduce((sum, t) => sum + median(t), 0);
      return {
        bare: record(`bare, ${label}`, sentences.length, total("bare")),
        app: record(`app engine, ${label}`, sentences.length, total("app")),
      };
    };
    const seq = await pair(
      sentences.map((s) => [s]),
      "one at a time",
    );
    const batched = await pair(
      batches,
      `batched (≤${BATCH_ROWS} rows, ≤${BATCH_TOKENS} padded tokens)`,
    );
    ratios.bareSentencesPerSecond = round(sentences.length / (seq.bare / 1000));
    ratios.appOverBare = round(batched.app / batched.bare);
    ratios.appOverBareSequential = round(seq.app / seq.bare);
    ratios.batchedOverSequential = round(seq.app / batched.app);
    goals.push(["appOverBare", ratios.appOverBare <= 1.05, "≤ 1.05"]);
    goals.push(["batchedOverSequential", ratios.batchedOverSequential >= 2, "≥ 2"]);
  }

  // Batch limits side by side, to choose the defaults (MT_BATCH_SIZE, MT_BATCH_TOKENS).
  if (PARTS.has("batches")) {
    const limits = [
      { maxRows: 1, maxTokens: 4096 },
      { maxRows: 4, maxTokens: 4096 },
      { maxRows: 8, maxTokens: 4096 },
      { maxRows: 16, maxTokens: 4096 },
      { maxRows: 8, maxTokens: 256 },
      { maxRows: 16, maxTokens: 512 },
      { maxRows: 32, maxTokens: 1024 },
    ];
    for (const limit of limits) {
      const planned = batchesOf(sentences, limit);
      record(
        `app engine, ≤${limit.maxRows} rows, ≤${limit.maxTokens} padded tokens (${planned.length} calls)`,
        sentences.length,
        await time(async () => {
          for (const b of planned) await engine.translateBatch(requests(b));
        }),
      );
    }
  }

  // 3. The whole seed library through the queue (glossary, memory, storage included).
  if (PARTS.has("queue")) {
    const { db } = freshBenchDb();
    for (const draft of drafts) await saveArticle(db, draft, "file");
    const total = await db.segment.count();
    const queue = new TranslationQueue(db, engine, {
      batchSize: BATCH_ROWS,
      batchTokens: BATCH_TOKENS,
      concurrency: 1,
    });
    const articles = await db.article.findMany({ select: { id: true } });
    record(
      "app queue, whole library (glossary and storage included)",
      total,
      await time(async () => {
        for (const a of articles) await queue.translateArticle(a.id, () => {}).finished;
      }),
    );
    await db.$disconnect();
  }

  // 4. Knobs: weights and ONNX threads, the app engine batched.
  if (PARTS.has("knobs")) {
    const knobs: { dtype: string; threads: number; ms: number }[] = [];
    const knobSentences = sentences.slice(0, Math.min(24, sentences.length));
    for (const dtype of ["q8", "fp32"] as const) {
      for (const threads of [1, 2]) {
        const variant = new TransformersEngine({ ...source, dtype }, undefined, threads);
        if (!(await variant.ensureLoaded())) continue;
        await variant.translateBatch(requests(knobSentences.slice(0, 1)));
        const ms = await time(async () => {
          for (const b of batchesOf(knobSentences)) await variant.translateBatch(requests(b));
        });
        knobs.push({ dtype, threads, ms });
        record(
          `app engine, batched, ${dtype}, ${threads} thread${threads > 1 ? "s" : ""}`,
          knobSentences.length,
          ms,
        );
      }
    }
    const best = knobs.sort((a, b) => a.ms - b.ms)[0];
    if (best) console.log(`fastest knobs: ${best.dtype}, ${best.threads} thread(s)`);
  }

  console.log("\n| what | sentences | time | sentences/s |");
  console.log("| --- | --- | --- | --- |");
  for (const r of rows)
    console.log(
      `| ${r.what} | ${r.sentences} | ${(r.ms / 1000).toFixed(1)} s | ${(r.sentences / (r.ms / 1000)).toFixed(2)} |`,
    );

  // 6 (before the web server, the longest part). Glossary terms on both
  // fixtures: accuracy and model calls, before and now.
  if (PARTS.has("terms")) {
    console.log("");
    const terms = await termTable();
    for (const fixture of ["fixture", "plainFixture"]) {
      for (const [figure, goal] of [
        ["SeedConstrainedTermAccuracy", (x: number) => x >= 0.95],
        ["SeedConstrainedCallsPerSentence", (x: number) => x <= 1.3],
        ["PatternsConstrainedKeptExactly", (x: number) => x === 1],
      ] as const) {
        const name = fixture + figure;
        ratios[name] = terms[name]!;
        goals.push([
          name,
          goal(ratios[name]),
          figure.endsWith("Accuracy") ? "≥ 0.95" : figure.endsWith("Sentence") ? "≤ 1.3" : "= 1",
        ]);
      }
    }
  }

  // 7. Beam search against greedy decoding, the whole seed library in the app's
  // batches, interleaved round by round (each round runs both, in turn).
  if (PARTS.has("beams")) {
    const library = drafts.flatMap((d) => d.paragraphs.flat());
    const libraryBatches = batchesOf(library);
    const probe = new TransformersEngine(source, undefined, threads);
    await probe.ensureLoaded();
    const defaultBeams = probe.beamCount ?? 1;
    const counts = [...new Set([1, 2, 3, 4, defaultBeams, 6])].sort((a, b) => a - b);
    const engines = new Map(counts.map((beams) => [beams, probe.withBeams(beams)]));
    for (const e of engines.values()) {
      await e.ensureLoaded();
      await e.translateBatch(requests(library.slice(0, 2)));
    }
    const times = new Map(counts.map((b) => [b, [] as number[]]));
    const tokens = new Map<number, number>();
    const rounds = Math.max(1, Math.min(ROUNDS, 2));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? counts : [...counts].reverse();
      for (const beams of order) {
        let generated = 0;
        const ms = await time(async () => {
          for (const b of libraryBatches) {
            const out = await engines.get(beams)!.translateBatch(requests(b));
            generated += out.reduce((n, r) => n + r.tokens, 0);
          }
        });
        times.get(beams)!.push(ms);
        tokens.set(beams, generated);
      }
    }
    console.log(
      `
| decoding (${library.length} sentences, ${libraryBatches.length} batches, ${threads} thread(s)) | time | sentences/s | target tokens/s per thread | time over greedy |`,
    );
    console.log("| --- | --- | --- | --- | --- |");
    const greedyMs = median(times.get(1)!);
    const perThread = (beams: number) =>
      tokens.get(beams)! / (median(times.get(beams)!) / 1000) / threads;
    for (const beams of counts) {
      const ms = median(times.get(beams)!);
      console.log(
        `| ${beams === 1 ? "greedy" : `beam ${beams}`}${beams === defaultBeams ? " (default)" : ""} | ${(ms / 1000).toFixed(1)} s | ${(library.length / (ms / 1000)).toFixed(2)} | ${perThread(beams).toFixed(0)} | ${(ms / greedyMs).toFixed(2)} |`,
      );
    }
    ratios.defaultBeams = defaultBeams;
    ratios.greedyTokensPerSecondPerThread = round(perThread(1));
    ratios.beamTokensPerSecondPerThread = round(perThread(defaultBeams));
    ratios.beam4TokensPerSecondPerThread = round(perThread(4));
    ratios.defaultOverGreedyTime = round(median(times.get(defaultBeams)!) / greedyMs);
    goals.push(["defaultOverGreedyTime", ratios.defaultOverGreedyTime <= 2.5, "≤ 2.5"]);
    goals.push([
      "beam4TokensPerSecondPerThread",
      ratios.beam4TokensPerSecondPerThread >= 174,
      "≥ 174",
    ]);
  }

  // 8. Another architecture beside the opus-shaped stand-in (mt-models.ts).
  if (PARTS.has("models")) {
    Object.assign(
      ratios,
      await compareArchitectures({
        model: MODEL,
        other: OTHER_MODEL,
        sentences,
        batches,
        threads,
        rounds: ROUNDS,
      }),
    );
  }

  // 5. The web server.
  if (PARTS.has("web")) {
    console.log("\n  web server: reader page idle, then while translating…");
    const web = await readerUnderTranslation(MODEL, SECONDS);
    removeBenchDbs();
    const idleP99 = percentile(web.idle, 99);
    const busyP99 = percentile(web.busy, 99);
    console.log("\n| reader page (8 connections) | requests | p50 | p99 |");
    console.log("| --- | --- | --- | --- |");
    console.log(
      `| idle | ${web.idle.length} | ${percentile(web.idle, 50).toFixed(0)} ms | ${idleP99.toFixed(0)} ms |`,
    );
    console.log(
      `| while translating (${web.translated} sentences stored meanwhile) | ${web.busy.length} | ${percentile(web.busy, 50).toFixed(0)} ms | ${busyP99.toFixed(0)} ms |`,
    );
    ratios.readerP99TranslatingOverIdle = round(busyP99 / idleP99);
    goals.push(["readerP99TranslatingOverIdle", ratios.readerP99TranslatingOverIdle <= 2, "≤ 2"]);
  }
  removeBenchDbs();

  console.log("");
  for (const [name, met, goal] of goals)
    console.log(`${met ? "met" : "NOT met"}: ${name} = ${ratios[name]} (goal ${goal})`);
  console.log(JSON.stringify(ratios));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
