import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { MODEL_PROCESS_FLAGS } from "../../lib/translation/worker/node-flags";
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

// The two tests share the ports.
test.describe.configure({ mode: "serial" });

/** A new database on the test's PostgreSQL server; `drop` removes it and stops the server. */
async function scratchDatabase(label: string) {
  const server = await findServer();
  const prefix = `dwibahasa_e2e_${label}_${process.pid}_`;
  const name = `${prefix}library`;
  await admin(server.url, [`CREATE DATABASE ${quoteIdent(name)}`]);
  return {
    url: databaseUrlOn(server.url, name),
    drop: async () => {
      await dropDatabases(server.url, prefix).catch(() => undefined);
      await server.stop();
    },
  };
}

test("a correction saved on one app server shows on the other's next read", async ({ page }) => {
  test.setTimeout(180_000);
  const { url, drop } = await scratchDatabase("team");
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
    await drop();
  }
});

type View = {
  paragraphs: {
    segments: { id: number; translation: { text: string; origin: string } | null }[];
  }[];
};

/** Stops the processes a test started, by their ids, and waits for them to go. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 8_000).unref();
        }),
    ),
  );
}

// docs/team.md's "Running for a team", step by step, as processes on this
// machine: one PostgreSQL database, two app servers started with npm start's
// own script at the same moment (accounts, serving only), an account added with
// npm run user:add, and two translation workers started as npm run worker
// starts them. Nobody opens an article, yet the workers translate it; a
// correction made through one server's page is what the other serves next.
test("a newsroom: two app servers and two workers on one PostgreSQL database", async ({ page }) => {
  test.setTimeout(300_000);
  const { url, drop } = await scratchDatabase("newsroom");
  const shared = {
    ...process.env,
    DATABASE_URL: url,
    AUTH: "accounts",
    AUTH_SECRET: "one secret for every app server of this newsroom",
    MT_MODEL: "tests/fixtures/tiny-marian",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const processes: ChildProcess[] = [];
  try {
    // Step 2: npm start on each app server (migrations, content/ import, serve), at once.
    const output: string[] = [];
    for (const port of ports) {
      const app = spawn(process.execPath, [path.resolve("scripts/start.mjs")], {
        env: { ...shared, PORT: String(port), HOST: "127.0.0.1", MT_IN_APP: "0" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      // What npm start printed, to say why a server did not come up.
      for (const stream of [app.stdout!, app.stderr!])
        stream.on("data", (chunk: Buffer) => output.push(`[${port}] ${chunk.toString()}`));
      processes.push(app);
    }
    const [one, two] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    try {
      for (const app of [one, two])
        await expect
          .poll(async () => (await fetch(`${app}/api/health`).catch(() => null))?.status, {
            timeout: 120_000,
          })
          .toBe(200);
    } catch (error) {
      throw new Error(`An app server did not come up. npm start printed:\n${output.join("")}`, {
        cause: error,
      });
    }
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        path.resolve("scripts/user-add.ts"),
        "desk@example.org",
        "--role",
        "editor",
        "--name",
        "The desk",
      ],
      { env: { ...shared, DWIBAHASA_PASSWORD: "a long newsroom password" }, stdio: "pipe" },
    );

    // Step 3: two workers, as npm run worker starts them.
    const workers = [0, 1].map(() =>
      spawn(
        process.execPath,
        [...MODEL_PROCESS_FLAGS, "--import", "tsx", path.resolve("scripts/worker.ts")],
        { env: { ...shared, MT_THREADS: "1" }, stdio: ["ignore", "pipe", "inherit"] },
      ),
    );
    processes.push(...workers);
    let taking = 0;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.stdout!.on("data", (chunk: Buffer) => {
              if (chunk.toString().includes("is taking jobs")) {
                taking++;
                resolve();
              }
            });
            worker.once("exit", (code) => reject(new Error(`A worker exited (${code}).`)));
          }),
      ),
    );
    expect(taking).toBe(2);

    // An editor signs in on server one and adds an article there.
    await page.goto(`${one}/en/sign-in`);
    await page.getByLabel("Email").fill("desk@example.org");
    await page.getByLabel("Password").fill("a long newsroom password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".account-menu")).toContainText("The desk");
    const added = await page.request.post(`${one}/api/articles`, {
      data: {
        title: "Ruang redaksi",
        text: "Kim bertemu Putin di Rusia. Xi bertemu Kim di Pyongyang.",
      },
    });
    expect(added.status()).toBe(201);
    const { slug } = (await added.json()) as { slug: string };

    // Nobody opens it; the workers translate it (the app servers only serve).
    const read = async (app: string) =>
      (
        (await (await page.request.get(`${app}/api/articles/${slug}`)).json()) as View
      ).paragraphs.flatMap((p) => p.segments);
    await expect
      .poll(async () => (await read(two)).map((s) => s.translation?.text ?? null), {
        timeout: 90_000,
      })
      .toEqual(["Kim met Putin in Russia.", "Xi met Kim in Pyongyang."]);
    // And the seed articles npm start imported are translated too, with nobody opening them.
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${two}/api/health`)).json()) as {
              queue?: { sentences: number };
            }
          ).queue?.sentences,
        { timeout: 120_000 },
      )
      .toBe(0);

    // The same session on server two (sessions live in the database): a correction there.
    await page.goto(`${two}/en/articles/${slug}`);
    await expect(page.locator(".account-menu")).toContainText("The desk");
    const sentence = page.locator(".para.target .sentence").first();
    await sentence.click();
    await page.locator(".segment-editor textarea").fill("Kim met Putin in Moscow.");
    await page.locator(".segment-editor textarea").press("Control+Enter");
    await expect(sentence).toHaveAttribute("data-origin", "human");

    // Server one serves the correction on its next read, in the API and on the page.
    await expect
      .poll(async () => (await read(one))[0]!.translation, { timeout: 2_000, intervals: [50] })
      .toMatchObject({ text: "Kim met Putin in Moscow.", origin: "human" });
    await page.goto(`${one}/en/articles/${slug}`);
    await expect(page.locator(".para.target").first()).toContainText("Kim met Putin in Moscow.");
  } finally {
    await stopAll(processes);
    await drop();
  }
});
