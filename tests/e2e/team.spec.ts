import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  admin,
  databaseUrlOn,
  dropDatabases,
  findServer,
  quoteIdent,
} from "../../scripts/db/postgres-server.mjs";

// Two app servers on one PostgreSQL database, as a team runs them behind a load
// balancer: a correction saved on one shows on the next read from the other
// (cache invalidations travel over LISTEN/NOTIFY).
const base = Number(process.env.E2E_PORT ?? 3100);
const ports = [base + 3, base + 4];

test("a correction saved on one app server shows on the other's next read", async ({ page }) => {
  test.setTimeout(180_000);
  const server = await findServer();
  const prefix = `dwibahasa_e2e_team_${process.pid}_`;
  const name = `${prefix}library`;
  await admin(server.url, [`CREATE DATABASE ${quoteIdent(name)}`]);
  const url = databaseUrlOn(server.url, name);
  const apps: ChildProcess[] = [];
  try {
    execFileSync(
      process.execPath,
      [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: "pipe",
      },
    );
    for (const port of ports)
      apps.push(
        spawn(process.execPath, [path.resolve("scripts/serve.mjs")], {
          env: {
            ...process.env,
            PORT: String(port),
            HOST: "127.0.0.1",
            DATABASE_URL: url,
            // Serving only: no model, no background work in this test.
            MT_IN_APP: "0",
            MT_BACKGROUND: "0",
            MT_MODEL: "tests/fixtures/tiny-marian",
            NEXT_TELEMETRY_DISABLED: "1",
          },
          stdio: "ignore",
        }),
      );
    const [one, two] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    for (const app of [one, two])
      await expect
        .poll(async () => (await fetch(`${app}/api/health`).catch(() => null))?.status, {
          timeout: 60_000,
        })
        .toBe(200);

    const created = await fetch(`${one}/api/articles`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Dua server", text: "Kim bertemu Putin di Rusia." }),
    });
    expect(created.status).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    type View = {
      paragraphs: { segments: { id: number; translation: { text: string } | null }[] }[];
    };
    const read = async (app: string) =>
      ((await (await fetch(`${app}/api/articles/${slug}`)).json()) as View).paragraphs[0]!
        .segments[0]!;

    // Server two reads (and caches) the article before the correction.
    const before = await read(two);
    expect(before.translation).toBeNull();
    await page.goto(`${two}/en/articles/${slug}`);

    const saved = await fetch(`${one}/api/segments/${before.id}/translation`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "Kim met Putin in Russia.", baseRevisionId: null }),
    });
    expect(saved.status).toBe(201);

    // The notification arrives within milliseconds of the commit.
    await expect
      .poll(async () => (await read(two)).translation?.text, { timeout: 2_000, intervals: [50] })
      .toBe("Kim met Putin in Russia.");
    await page.reload();
    await expect(page.locator(".para.target").first()).toContainText("Kim met Putin in Russia.");
  } finally {
    for (const app of apps) app.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    await dropDatabases(server.url, prefix).catch(() => undefined);
    await server.stop();
  }
});
