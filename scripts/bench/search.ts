// `npx tsx scripts/bench/search.ts`: library-wide search on a library 100 times
// the size of content/ (copies of the seed articles under new slugs, every
// sentence translated), written through the app's own code so that the index
// is built the way it is in use. Figures are medians.
//   BENCH_COPIES=20 npx tsx scripts/bench/search.ts   (another library size)
import fs from "node:fs";
import path from "node:path";
import { saveArticle } from "../../lib/articles/store";
import { importArticles } from "../../lib/content/import";
import { fmt, freshBenchDb, median, readArticleDrafts, time } from "./library";
import type { Db } from "../../lib/db/client";
import { importGlossaryFile } from "../../lib/glossary/seed";
import { lookupWord } from "../../lib/lookup/dictionary";
import { appendRevision } from "../../lib/revisions/store";
import { rebuildSearchIndex } from "../../lib/search/index";
import { searchLibrary, type SearchLang } from "../../lib/search/query";
import { words } from "../../lib/text/words";
import { exitOnHelp } from "./help";

const COPIES = Number(process.env.BENCH_COPIES ?? 100);
const RUNS = 25;
// No model here: a word-by-word dictionary gloss stands in for the translation,
// which gives the English index realistic English words.
function gloss(source: string): string {
  const text = words(source)
    .map((w) => lookupWord(w.text).senses[0]?.gloss ?? w.text)
    .join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

async function translateArticle(db: Db, articleId: number): Promise<void> {
  const segments = await db.segment.findMany({
    where: { articleId, removedAt: null, currentRevisionId: null },
    select: { id: true, source: true },
  });
  await db.$transaction(
    async (tx) => {
      for (const s of segments) {
        await appendRevision(tx, {
          segmentId: s.id,
          baseRevisionId: null,
          origin: "machine",
          event: "translate",
          text: gloss(s.source),
          modelId: "bench-gloss",
        });
      }
    },
    { timeout: 60_000 },
  );
}

async function buildLibrary(db: Db): Promise<void> {
  const started = performance.now();
  await importArticles(db, "content");
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
  const drafts = readArticleDrafts("content");
  for (let copy = 1; copy < COPIES; copy++) {
    for (const draft of drafts)
      await saveArticle(db, { ...draft, slug: `${draft.slug}-copy-${copy}` }, "file");
  }
  for (const { id } of await db.article.findMany({ select: { id: true } }))
    await translateArticle(db, id);
  const [articles, segments] = await Promise.all([
    db.article.count(),
    db.segment.count({ where: { removedAt: null } }),
  ]);
  console.log(
    `library: ${articles} articles, ${segments} sentences, all translated (built through the write hooks in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

const HELP = `npm run bench:search

Measures library-wide search (Indonesian and English queries) on a scratch
SQLite library 100 times the seed content, every sentence given a dictionary
gloss as its translation (no model): the time to build the library and its
index, then each query's median time over ${RUNS} runs.

  BENCH_COPIES=100   copies of the seed articles in the library

Prints the build time and a line per query (no JSON line).`;

async function main(): Promise<void> {
  exitOnHelp(HELP);
  const { db, file } = freshBenchDb();
  await buildLibrary(db);
  const rebuild = await time(() => rebuildSearchIndex(db));
  console.log(
    `rebuildSearchIndex over the whole library: ${fmt(rebuild)}; database file ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`,
  );

  const queries: [SearchLang, string][] = [
    ["id", "kunjungan"],
    ["id", "mencari"],
    ["id", "Kim Putin"],
    ["id", "dewan keamanan"],
    ["id", "kunj"],
    ["id", "yang"],
    ["en", "visits"],
    ["en", "relationships"],
    ["en", "weapon technology"],
    ["en", "north korea"],
    ["en", "security council"],
  ];
  console.log(`\nsearchLibrary, median of ${RUNS} runs after one warm-up:`);
  for (const [lang, q] of queries) {
    const result = await searchLibrary(db, q, lang);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await time(() => searchLibrary(db, q, lang)));
    const hits = result.articles.reduce((n, a) => n + a.hits.length, 0);
    console.log(
      `  ${lang} ${JSON.stringify(q).padEnd(20)} ${fmt(median(times)).padStart(9)}   ${hits}${result.truncated ? "+" : ""} hits in ${result.articles.length} articles, ${result.glossary.length} glossary`,
    );
  }
  await db.$disconnect();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
