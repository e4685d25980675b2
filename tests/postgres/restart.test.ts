// Team mode survives the database restarting under load: a private PostgreSQL
// server (the shared one must not be restarted) is stopped and started again
// while a worker translates; the worker reconnects by itself and finishes.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { saveArticle } from "@/lib/articles/store";
import { createDb, type Db } from "@/lib/db/client";
import { TeamTranslation } from "@/lib/translation/jobs/team";
import { admin, databaseUrlOn, startPrivateServer } from "../../scripts/db/postgres-server.mjs";
import { testDir } from "../helpers/db";
import { startWorker, until } from "../helpers/workers";

let server: Awaited<ReturnType<typeof startPrivateServer>> | null = null;
let worker: ChildProcess | null = null;
let db: Db | null = null;

afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill("SIGKILL");
  await db?.$disconnect().catch(() => undefined);
  await server?.stop();
});

describe("a database restart", () => {
  it("is survived by a translation worker, which reconnects and finishes the article", async () => {
    server = await startPrivateServer();
    await admin(server.url, ["CREATE DATABASE library"]);
    const url = databaseUrlOn(server.url, "library");
    execFileSync(
      process.execPath,
      [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: "pipe",
      },
    );
    db = createDb(url);
    const sentences = Array.from({ length: 120 }, (_, i) => `Xi bertemu Kim di Pyongyang ${i}.`);
    const { articleId } = await saveArticle(
      db,
      {
        slug: "ulang",
        title: "Ulang",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [sentences],
      },
      "form",
    );
    const log = fs.openSync(path.join(testDir(), "restart-worker.log"), "w");
    // The worker's log, to read when this test fails.
    worker = startWorker(url, ["ignore", log, log]);
    const team = new TeamTranslation(db, url, { jobTimeoutSeconds: 4 });
    await team.request(articleId);
    // The article's sentences (its title is a segment too, translated with them).
    const translated = () =>
      db!.segment.count({
        where: { articleId, kind: "sentence", currentRevisionId: { not: null } },
      });
    await until(async () => (await translated()) >= 5, 60_000);

    await server.restart();

    await until(async () => (await translated()) === 120, 90_000);
    const revisions = await db.revision.findMany({
      where: { segment: { kind: "sentence" } },
      select: { segmentId: true },
    });
    expect(revisions).toHaveLength(120);
    expect(new Set(revisions.map((r) => r.segmentId)).size).toBe(120);
    expect(worker.exitCode).toBeNull();
    await team.stop().catch(() => undefined);
  }, 240_000);
});
