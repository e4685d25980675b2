// `npm run bench:http`: the built app over HTTP, on scratch databases.
//
// 1. A library of the seed content (content/, the 14-sentence article
//    translated by the fixture model): each page below and the static page
//    /en/articles/new, side by side in the same run (static, then the path, for
//    each path), at 50 connections with autocannon; each ratio is the path's
//    requests per second over the static page's just before it.
// 2. The library page's median latency (one connection) on that library of 5
//    articles, then on one of 5,000 (the seed plus 4,995 written by
//    scripts/content/fill-library.ts): as served (kept responses, lib/cache/
//    response-cache.ts) and made afresh for every request.
// Prints a table, what misses a goal and by how much, and last one JSON line.
//   BENCH_SECONDS=10 (per run), BENCH_PORT=3190 (and the next port).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { exitOnHelp } from "./help";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const CONNECTIONS = 50;
const READER_SLUG = "000_9df4d0f23bd6c915";
const SCRATCH = path.resolve("tmp/bench-http");
const GOALS = { ratio: 0.5, p99Ms: 250, libraryGrowth: 1.5 };

const PATHS = [
  {
    key: "readerOverStatic",
    label: "reader page, 14 sentences",
    path: `/en/articles/${READER_SLUG}`,
  },
  { key: "libraryOverStatic", label: "library /en", path: "/en" },
  { key: "glossaryOverStatic", label: "glossary /en/glossary", path: "/en/glossary" },
  {
    key: "articleApiOverStatic",
    label: "GET /api/articles/:slug",
    path: `/api/articles/${READER_SLUG}`,
  },
  {
    key: "searchOverStatic",
    label: "GET /api/search?q=rudal",
    path: "/api/search?q=rudal&lang=id",
  },
] as const;
const STATIC_PATH = "/en/articles/new";

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

function envFor(db: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `file:${path.join(SCRATCH, db)}`,
    MT_MODEL: "tests/fixtures/tiny-marian",
    // Nothing translates in the background while the pages are measured.
    MT_BACKGROUND: "0",
    // Each connection says it is another reader (X-Forwarded-For), as behind a proxy.
    TRUST_PROXY: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

function freshDatabase(db: string): void {
  for (const suffix of ["", "-wal", "-shm"])
    fs.rmSync(path.join(SCRATCH, db + suffix), { force: true });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // npm start's own script: migrations, content/ import, a build when the sources are newer.
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${env.PORT}/api/health`;
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("The server stopped before answering.");
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`No answer from ${url}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** The address of the nth reader of a run (X-Forwarded-For). */
const readerAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/**
 * autocannon on one path. Every request is another reader (X-Forwarded-For,
 * trusted with TRUST_PROXY=1): a reading room behind a proxy, where the
 * per-client limits (lib/security/rate-limit.ts) count each reader on their
 * own.
 */
async function measure(base: string, urlPath: string, connections: number): Promise<Run> {
  let reader = 0;
  const result = await autocannon({
    url: base + urlPath,
    connections,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (request) => {
          const n = ++reader;
          return {
            ...request,
            headers: {
              ...request.headers,
              "x-forwarded-for": readerAddress(n),
            },
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * The median time of one request at a time, in ms with fractions (autocannon
 * rounds to whole ms, too coarse for a page served from memory): REQUESTS
 * requests, each from a new reader; with `afresh` each to a new address (an
 * unknown parameter the page ignores), so no kept response answers it.
 */
async function medianLatency(base: string, urlPath: string, afresh: boolean): Promise<number> {
  const times: number[] = [];
  const joiner = urlPath.includes("?") ? "&" : "?";
  for (let n = 1; n <= 300; n++) {
    const started = performance.now();
    const response = await fetch(base + (afresh ? `${urlPath}${joiner}bench=${n}` : urlPath), {
      headers: { "x-forwarded-for": readerAddress(n) },
    });
    if (!response.ok) throw new Error(`${urlPath} answered ${response.status}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function warm(base: string, urlPath: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const response = await fetch(base + urlPath);
    if (!response.ok) throw new Error(`${urlPath} answered ${response.status}`);
    await response.arrayBuffer();
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;
const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");

const HELP = `npm run bench:http

Measures the built app over HTTP (it builds it when the sources are newer than
the last build), on scratch SQLite databases in tmp/bench-http/ with the seed
content and the fixture model (no download, no stand-in):
  1. each page and JSON route at ${CONNECTIONS} connections with autocannon, right after
     the static page /en/articles/new, as a ratio of requests per second;
  2. the library page's median time, one request at a time, at 5 articles and
     at 5,000, as served (kept responses) and made afresh.
Goals: every ratio ≥ ${GOALS.ratio} with p99 ≤ ${GOALS.p99Ms} ms, the library at 5,000 articles
≤ ${GOALS.libraryGrowth} times its time at 5, the reader page's HTML ≤ 60 KB.

  BENCH_SECONDS=10   seconds per autocannon run
  BENCH_PORT=3190    the port of the first server (the next one too)

Prints a table, what misses a goal, and last one JSON line: each path's ratio
(readerOverStatic, libraryOverStatic, glossaryOverStatic, articleApiOverStatic,
searchOverStatic), library5000Over5 and library5000Over5Made.`;

async function main(): Promise<void> {
  exitOnHelp(HELP);
  fs.mkdirSync(SCRATCH, { recursive: true });
  const npx = path.resolve("node_modules/.bin");

  // --- 1. side by side against the static page, on the seed library ---
  freshDatabase("seed.db");
  const seedEnv = envFor("seed.db", PORT);
  const small = await startServer(seedEnv);
  const base = `http://127.0.0.1:${PORT}`;
  const rows: { label: string; key: string; path: Run; static: Run; ratio: number }[] = [];
  let smallP50: number;
  let smallMadeP50: number;
  let readerBytes: number;
  try {
    const translated = await fetch(`${base}/api/articles/${READER_SLUG}/translate`, {
      method: "POST",
    });
    if (!(await translated.text()).includes('"type":"done"'))
      throw new Error("The seed article was not translated.");
    readerBytes = (await (await fetch(`${base}/en/articles/${READER_SLUG}`)).arrayBuffer())
      .byteLength;
    for (const p of [{ path: STATIC_PATH }, ...PATHS]) await warm(base, p.path);
    for (const p of PATHS) {
      const staticRun = await measure(base, STATIC_PATH, CONNECTIONS);
      const pathRun = await measure(base, p.path, CONNECTIONS);
      rows.push({
        label: p.label,
        key: p.key,
        path: pathRun,
        static: staticRun,
        ratio: pathRun.rps / staticRun.rps,
      });
    }
    smallP50 = await medianLatency(base, "/en", false);
    smallMadeP50 = await medianLatency(base, "/en", true);
  } finally {
    await stopServer(small);
  }

  // --- 2. the library page at 5,000 articles ---
  freshDatabase("large.db");
  const largeEnv = envFor("large.db", PORT + 1);
  run(path.join(npx, "prisma"), ["migrate", "deploy"], largeEnv);
  run(path.join(npx, "tsx"), ["scripts/content/fill-library.ts", "--articles", "4995"], largeEnv);
  const large = await startServer(largeEnv);
  let largeP50: number;
  let largeMadeP50: number;
  try {
    const largeBase = `http://127.0.0.1:${PORT + 1}`;
    await warm(largeBase, "/en");
    largeP50 = await medianLatency(largeBase, "/en", false);
    largeMadeP50 = await medianLatency(largeBase, "/en", true);
  } finally {
    await stopServer(large);
  }

  // --- report ---
  const widths = [30, 9, 8, 8, 12, 10, 8];
  console.log(
    `\n${CONNECTIONS} connections, ${SECONDS} s per run; each path right after a run of the static page ${STATIC_PATH}\n`,
  );
  console.log(pad(["path", "req/s", "p50", "p99", "static req/s", "static p99", "ratio"], widths));
  for (const r of rows)
    console.log(
      pad(
        [
          r.label,
          r.path.rps.toFixed(0),
          ms(r.path.p50),
          ms(r.path.p99),
          r.static.rps.toFixed(0),
          ms(r.static.p99),
          r.ratio.toFixed(3),
        ],
        widths,
      ),
    );
  const growth = largeP50 / smallP50;
  const madeGrowth = largeMadeP50 / smallMadeP50;
  console.log(
    `\nlibrary page p50, one request at a time: ${smallP50.toFixed(2)} ms at 5 articles, ${largeP50.toFixed(2)} ms at 5,000 (×${growth.toFixed(2)})`,
  );
  console.log(
    `made afresh for every request (no kept response): ${smallMadeP50.toFixed(1)} ms at 5, ${largeMadeP50.toFixed(1)} ms at 5,000 (×${madeGrowth.toFixed(2)})`,
  );
  console.log(`reader page HTML: ${(readerBytes / 1024).toFixed(1)} KB\n`);

  const misses: string[] = [];
  for (const r of rows) {
    if (r.ratio < GOALS.ratio)
      misses.push(
        `${r.label}: ratio ${r.ratio.toFixed(3)}, ${(GOALS.ratio / r.ratio).toFixed(1)}× short of ${GOALS.ratio}`,
      );
    if (r.path.p99 > GOALS.p99Ms)
      misses.push(
        `${r.label}: p99 ${ms(r.path.p99)}, ${ms(r.path.p99 - GOALS.p99Ms)} over ${GOALS.p99Ms} ms`,
      );
    if (r.path.errors > 0) misses.push(`${r.label}: ${r.path.errors} failed requests`);
  }
  if (growth > GOALS.libraryGrowth)
    misses.push(
      `library at 5,000 articles: ×${growth.toFixed(2)} the p50 at 5, goal ×${GOALS.libraryGrowth}`,
    );
  if (readerBytes > 60 * 1024)
    misses.push(`reader HTML ${(readerBytes / 1024).toFixed(1)} KB, over 60 KB`);
  console.log(misses.length === 0 ? "Every goal met." : `Goals missed:\n- ${misses.join("\n- ")}`);

  const line: Record<string, number> = {};
  for (const r of rows) line[r.key] = Number(r.ratio.toFixed(3));
  line.library5000Over5 = Number(growth.toFixed(2));
  line.library5000Over5Made = Number(madeGrowth.toFixed(2));
  console.log(JSON.stringify(line));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
