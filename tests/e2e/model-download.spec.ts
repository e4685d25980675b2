import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startModelHub } from "../helpers/model-hub";

// A server of its own on port + 8 whose model is not installed: its first
// model load downloads it from a model hub served by this test, slowly
// enough for the reader and the library to show the bar.
const port = Number(process.env.E2E_PORT ?? 3100) + 8;
const base = `http://localhost:${port}`;
const dbFile = "tmp/e2e/model-download.db";
const modelsDir = "tmp/e2e/model-download-models";

test("the first translation downloads the model; the reader and the library show its progress", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  fs.rmSync(modelsDir, { recursive: true, force: true });
  const hub = await startModelHub(
    "test-org/tiny-marian",
    path.resolve("tests/fixtures/tiny-marian"),
  );
  // Slow from the start: the server begins loading (so downloading) its model as it
  // starts, and a fast hub would finish before the pages are looked at.
  hub.slow(250);
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:./${dbFile}`,
      MT_MODEL: "test-org/tiny-marian",
      MT_MODELS_DIR: modelsDir,
      HF_ENDPOINT: hub.endpoint,
      // Nothing translates before the reader opens the article (the download starts with the server).
      MT_BACKGROUND: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
  try {
    await expect
      .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, {
        timeout: 180_000,
      })
      .toBe(200);
    const created = await fetch(`${base}/api/articles`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ title: "Berita unduhan", text: "Kim bertemu Putin di Rusia." }),
    });
    expect(created.status).toBe(201);
    const { slug } = (await created.json()) as { slug: string };

    await page.goto(`${base}/en/articles/${slug}`);
    const bar = page.getByRole("progressbar", { name: /^Downloading the translation model: / });
    await expect(bar).toBeVisible({ timeout: 30_000 });
    await expect(bar).toHaveAccessibleName(
      /^Downloading the translation model: [\d.]+ MB of [\d.]+ MB$/,
    );

    // The library shows the same download while it runs.
    const library = await browser.newPage();
    await library.goto(`${base}/en`);
    // As long as for the reader: on a busy machine the page's first render may be slow.
    await expect(
      library.getByRole("progressbar", { name: /^Downloading the translation model: / }),
    ).toBeVisible({ timeout: 30_000 });
    await library.close();

    hub.slow(0);
    await expect(page.getByText("Kim met Putin in Russia.").first()).toBeVisible({
      timeout: 60_000,
    });
    await expect(bar).toBeHidden();
    const health = (await (await fetch(`${base}/api/health`)).json()) as { model: unknown };
    expect(health.model).toEqual({ id: "test-org/tiny-marian", state: "ready" });
  } finally {
    if (server.exitCode === null) server.kill("SIGTERM");
    await hub.close();
  }
});
