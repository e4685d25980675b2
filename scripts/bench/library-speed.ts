// `npm run bench`: import time, article read time with stored translations,
// and translation throughput through the queue. Figures are medians.
//   BENCH_MODEL=models/bench-opus-shaped npm run bench   (throughput with another model)
//   BENCH_URL=http://localhost:3000 npm run bench         (also time HTTP requests to a running app)
import { listArticles } from "../../lib/articles/library";
import { getArticleView } from "../../lib/articles/queries";
import { importArticles } from "../../lib/content/import";
import type { Db } from "../../lib/db/client";
import { TransformersEngine } from "../../lib/translation/transformers-engine";
import { resolveModelSource } from "../../lib/translation/models/source";
import { TranslationQueue } from "../../lib/translation/queue";
import { fmt, freshBenchDb, median, readArticleDrafts, removeBenchDbs, time } from "./library";
import { saveArticle } from "../../lib/articles/store";
import { saveTranslation } from "../../lib/revisions/corrections";
import { exitOnHelp } from "./help";
import { requireStandIn } from "./stand-in";

const freshDb = () => freshBenchDb().db;

async function benchImport(): Promise<Db> {
  const cold: number[] = [];
  const warm: number[] = [];
  let db: Db | null = null;
  for (let i = 0; i < 3; i++) {
    db = freshDb();
    cold.push(await time(() => importArticles(db!, "content")));
    warm.push(await time(() => importArticles(db!, "content")));
  }
  const segments = await db!.segment.count();
  console.log(
    `import content/ (5 articles, ${segments} sentences): first ${fmt(median(cold))}, again (unchanged) ${fmt(median(warm))}`,
  );
  return db!;
}

async function benchThroughput(db: Db, modelDir: string): Promise<void> {
  const engine = new TransformersEngine(resolveModelSource(modelDir));
  const loadMs = await time(() => engine.ensureLoaded());
  console.log(`model ${modelDir}: load ${fmt(loadMs)}`);
  const articles = await db.article.findMany({ select: { id: true } });
  for (const batchSize of [1, 4, 8]) {
    const queue = new TranslationQueue(db, engine, { batchSize, concurrency: 1 });
    let sentences = 0;
    const ms = await time(async () => {
      for (const a of articles) {
        await queue.translateArticle(
          a.id,
          (e) => {
            if (e.type === "segment") sentences++;
          },
          { retranslate: true },
        ).finished;
      }
    });
    console.log(
      `  queue, batch ${batchSize}: ${sentences} sentences in ${fmt(ms)} = ${(sentences / (ms / 1000)).toFixed(1)} sentences/s`,
    );
  }
}

async function benchRead(db: Db): Promise<void> {
  const slugs = (await listArticles(db)).map((a) => a.slug);
  const samples: number[] = [];
  for (let i = 0; i < 20; i++)
    for (const slug of slugs) samples.push(await time(() => getArticleView(db, slug)));
  console.log(
    `article with stored translation, data layer (getArticleView): median ${fmt(median(samples))}`,
  );
  const base = process.env.BENCH_URL;
  if (!base) return;
  for (const [label, url] of [
    ["reader page", `/en/articles/${slugs[0]}`],
    ["GET /api/articles/:slug", `/api/articles/${slugs[0]}`],
  ] as const) {
    const http: number[] = [];
    for (let i = 0; i < 30; i++)
      http.push(await time(async () => (await fetch(base + url)).text()));
    console.log(`${label} over HTTP (${base}): median ${fmt(median(http))}`);
  }
}

/**
 * A correction's save, memory propagation included, on a library of `copies`
 * copies of content/: each seed sentence then exists `copies` times, so a save
 * reaches `copies - 1` other sentences.
 */
async function benchSave(copies: number): Promise<void> {
  const db = freshDb();
  const drafts = readArticleDrafts("content");
  for (let c = 0; c < copies; c++)
    for (const draft of drafts)
      await saveArticle(db, { ...draft, slug: `${draft.slug}-${c}` }, "file");
  const segments = await db.segment.count();
  const sample = await db.segment.findMany({
    where: { article: { slug: { endsWith: "-0" } } },
    select: { id: true },
    take: 15,
  });
  const timings: number[] = [];
  for (const [i, s] of sample.entries()) {
    const { currentRevisionId } = await db.segment.findUniqueOrThrow({
      where: { id: s.id },
      select: { currentRevisionId: true },
    });
    timings.push(
      await time(() =>
        saveTranslation(db, s.id, {
          text: `Corrected sentence ${i}.`,
          baseRevisionId: currentRevisionId,
        }),
      ),
    );
  }
  const reached = await db.segment.count({ where: { currentRevision: { origin: "memory" } } });
  console.log(
    `save a correction with memory propagation (${segments} sentences, each seed sentence ${copies} times): median ${fmt(median(timings))} over ${timings.length} saves; ${reached} sentences took a correction from memory`,
  );
}

const HELP = `npm run bench

Measures the library on scratch SQLite databases: saving a correction with
translation-memory propagation (BENCH_COPIES copies of the seed sentences),
importing content/ (first and unchanged), translation throughput through the
queue at batch sizes 1, 4 and 8 on the fixture model tests/fixtures/tiny-marian,
and reading each article with its stored translations.

  BENCH_COPIES=50                      copies of the seed articles for the save timing
  BENCH_MODEL=models/bench-opus-shaped the throughput with another model too
                                       (a stand-in is built when missing)
  BENCH_URL=http://localhost:3000      also time HTTP requests to a running app

Prints one line per figure, medians (no JSON line).`;

async function main(): Promise<void> {
  exitOnHelp(HELP);
  if (process.env.BENCH_MODEL) requireStandIn(process.env.BENCH_MODEL);
  await benchSave(Number(process.env.BENCH_COPIES ?? 50));
  const db = await benchImport();
  await benchThroughput(db, "tests/fixtures/tiny-marian");
  if (process.env.BENCH_MODEL) await benchThroughput(db, process.env.BENCH_MODEL);
  await benchRead(db);
  removeBenchDbs();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
