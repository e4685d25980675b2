import { spawn } from "node:child_process";
import fs from "node:fs";
import { createClient } from "@libsql/client";
import { expect, test } from "@playwright/test";

// A server of its own (the suite's servers must keep running): started as users
// start it, stopped with SIGTERM while it translates in the background.
const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const base = `http://localhost:${port}`;
const dbFile = "tmp/e2e/shutdown.db";

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function storedTranslations(): Promise<number> {
  const client = createClient({ url: `file:${dbFile}` });
  try {
    const rows = await client.execute(
      `SELECT COUNT(*) AS n FROM "Segment" s JOIN "Article" a ON a."id" = s."articleId"
       WHERE a."title" = 'Berita panjang' AND s."currentRevisionId" IS NOT NULL`,
    );
    return Number(rows.rows[0]!.n);
  } finally {
    client.close();
  }
}

test("SIGTERM while translating stops the server within 5 s, and every stored sentence stays", async () => {
  test.setTimeout(180_000);
  // With the WAL files: a new database must not meet an old run's log.
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:./${dbFile}`,
      MT_MODEL: "tests/fixtures/tiny-marian",
      // One sentence per model call, so that translation is still under way when the signal comes.
      MT_BATCH_SIZE: "1",
    },
    stdio: "ignore",
  });
  const exited = new Promise<number>((resolve) => server.on("exit", () => resolve(Date.now())));
  try {
    await waitFor(async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), 120_000);
    const sentences = Array.from({ length: 200 }, (_, i) => `Kim bertemu Putin di Rusia ${i}.`);
    const created = await fetch(`${base}/api/articles`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ title: "Berita panjang", text: sentences.join(" ") }),
    });
    expect(created.status).toBe(201);
    // Some sentences are stored; the rest are still being translated.
    await waitFor(async () => ((await storedTranslations()) >= 3 ? true : undefined), 60_000);

    const signalled = Date.now();
    server.kill("SIGTERM");
    const stoppedAt = await Promise.race([
      exited,
      new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), 10_000)),
    ]);
    expect(stoppedAt - signalled).toBeLessThan(5_000);
    // Nothing answers on the port any more (the server itself stopped, not only the launcher).
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    const stored = await storedTranslations();
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(200);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});
