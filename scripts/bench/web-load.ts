// The reader page under load while the library is translated: part 5 of
// `npm run bench:mt`. A closed loop of clients on the built app, served by
// scripts/serve.mjs with the model in its worker, idle and then translating.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { saveArticle } from "../../lib/articles/store";
import { freshBenchDb, readArticleDrafts } from "./library";

export async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The server did not start.");
}

/** A closed loop of `connections` clients requesting `url` for `seconds`: latencies in ms. */
export async function load(url: string, connections: number, seconds: number): Promise<number[]> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const start = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function readerUnderTranslation(
  model: string,
  seconds: number,
): Promise<{ idle: number[]; busy: number[]; translated: number }> {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("  no build yet: building the app (next build)…");
    const built = spawnSync(
      process.execPath,
      [path.resolve("node_modules/next/dist/bin/next"), "build"],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    if (built.status !== 0) throw new Error("next build failed");
  }
  const { file, db } = freshBenchDb();
  for (const draft of readArticleDrafts("content")) await saveArticle(db, draft, "file");
  const slugs = (await db.article.findMany({ select: { slug: true }, orderBy: { id: "asc" } })).map(
    (a) => a.slug,
  );
  await db.$disconnect();
  const port = 3900 + (process.pid % 90);
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [path.resolve("scripts/serve.mjs")], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${file}`,
      MT_MODEL: model,
      // Idle first: translation starts when the bench asks for it.
      MT_BACKGROUND: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
  try {
    await waitForHealth(base);
    const reader = `${base}/en/articles/${slugs[0]}`;
    await load(reader, 4, 2); // warm up
    const idle = await load(reader, 8, seconds);
    // Translate the whole library (retranslating) for as long as the measurement runs.
    let translating = true;
    let translated = 0;
    const work = (async () => {
      while (translating) {
        for (const slug of slugs) {
          if (!translating) break;
          const response = await fetch(`${base}/api/articles/${slug}/translate?retranslate=1`, {
            method: "POST",
          });
          const text = await response.text();
          translated += text.split("\n").filter((l) => l.includes('"segment"')).length;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const busy = await load(reader, 8, seconds);
    translating = false;
    server.kill("SIGTERM");
    await work.catch(() => undefined);
    return { idle, busy, translated };
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
}
