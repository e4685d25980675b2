/**
 * Glossary matcher benchmark: build time and highlighting (find) time over the
 * seed articles, with the starting glossary and with 10,000 synthetic entries
 * added. Prints the median of several runs.
 *
 *   npx tsx scripts/bench/glossary.ts [--runs N] [--no-baseline]
 *
 * Articles come from GLOSSARY_BENCH_ARTICLES (a directory of .txt/.md files),
 * else content/*.md.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { importCsv } from "../../lib/glossary/exchange";
import { buildMatcher, sourcePatterns, type MatcherEntry } from "../../lib/glossary/matcher";
import { exitOnHelp } from "./help";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1]) || 1) : 15;
const BASELINE = !args.includes("--no-baseline");

function loadArticles(): { name: string; text: string }[] {
  const candidates = [process.env.GLOSSARY_BENCH_ARTICLES, path.join(ROOT, "content")].filter(
    (d): d is string => typeof d === "string" && d !== "",
  );
  for (const dir of candidates) {
    if (!fs.existsSync(dir)) continue;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".txt") || f.endsWith(".md"))
      .sort();
    if (files.length === 0) continue;
    return files.map((f) => ({
      name: f,
      // Drop Markdown front matter so both sources give the same text.
      text: fs.readFileSync(path.join(dir, f), "utf8").replace(/^---\n[\s\S]*?\n---\n/, ""),
    }));
  }
  throw new Error("No articles found (set GLOSSARY_BENCH_ARTICLES)");
}

/** Deterministic pseudo-random generator so every run uses the same entries. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYLLABLES =
  "ba be bi bo bu da de di do du ga gi gu ka ke ki ko ku la li lo lu ma me mi mo mu na ni no nu pa pe pi po pu ra ri ro ru sa se si so su ta te ti to tu ja ju ya wa ng".split(
    " ",
  );

function syntheticEntries(count: number, seed = 42): MatcherEntry<number>[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const word = (): string => {
    let w = "";
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return rand() < 0.5 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
  };
  const out: MatcherEntry<number>[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 1 + Math.floor(rand() * 4) }, word);
    const patterns = [words.join(" ")];
    // About a third get an acronym alias, a fifth a spelling variant.
    if (rand() < 0.33)
      patterns.push(words.map((w) => w.charAt(0).toUpperCase()).join("") + String(i % 100));
    if (rand() < 0.2) patterns.push(words.join("-"));
    out.push({ id: 100_000 + i, patterns });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function time<T>(runs: number, fn: () => T): { median: number; min: number; result: T } {
  // Warm up so the first configuration is not charged for JIT compilation.
  let result = fn();
  for (let i = 0; i < 5; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), result };
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1)).padStart(9) + " ms";

const HELP = `npm run bench:glossary [-- --runs N] [-- --no-baseline]

Measures the glossary matcher: the time to build it and to find every term in
the seed articles (content/), with the starting glossary and with 10,000
synthetic entries added, medians of N runs; then, for comparison, one regular
expression per pattern. No model, no database.

  --runs N                  runs per figure (default 15)
  --no-baseline             leave out the one-regex-per-pattern comparison
  GLOSSARY_BENCH_ARTICLES   a folder of .txt/.md articles instead of content/

Prints a table (no JSON line).`;

function main(): void {
  exitOnHelp(HELP);
  const articles = loadArticles();
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  const csv = fs.readFileSync(path.join(ROOT, "content", "glossary.csv"), "utf8");
  const glossary = importCsv(csv).entries;
  const seed = sourcePatterns(glossary.map((e, id) => ({ ...e, id })));
  const big = [...seed, ...syntheticEntries(10_000)];

  console.log(
    `node ${process.version}, ${articles.length} articles, ${chars} characters, median of ${RUNS} runs`,
  );
  console.log("");
  console.log(
    "entries   patterns  build (median/min)          find all articles (median/min)  matches",
  );

  for (const [label, entries] of [
    ["seed", seed],
    ["seed+10k", big],
  ] as const) {
    const build = time(RUNS, () => buildMatcher(entries));
    const matcher = build.result;
    const find = time(RUNS, () => articles.reduce((n, a) => n + matcher.find(a.text).length, 0));
    console.log(
      `${label.padEnd(9)} ${String(matcher.patternCount).padStart(8)}  ${fmt(build.median)} /${fmt(build.min)}   ${fmt(find.median)} /${fmt(find.min)}      ${find.result}`,
    );
  }

  if (BASELINE) {
    // For comparison only: one regular expression per pattern, the approach the matcher avoids.
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const regexes = big.flatMap((e) =>
      e.patterns.map((p) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(p)}(?![\\p{L}\\p{N}])`, "giu")),
    );
    const runs = Math.min(RUNS, 3);
    const naive = time(runs, () =>
      articles.reduce(
        (n, a) => n + regexes.reduce((k, re) => k + (a.text.match(re)?.length ?? 0), 0),
        0,
      ),
    );
    console.log("");
    console.log(
      `baseline: ${regexes.length} regexes (one per pattern, no suffix/overlap handling), find all articles: ${fmt(naive.median)} (median of ${runs})`,
    );
  }
}

main();
