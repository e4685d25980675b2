// Team mode's fault test: translation workers (`npm run worker`) on a real
// PostgreSQL database, one killed with SIGKILL in the middle of an article.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { saveArticle } from "@/lib/articles/store";
import { streamFromDatabase } from "@/lib/translation/db-stream";
import { TeamTranslation } from "@/lib/translation/jobs/team";
import type { TranslationEvent } from "@/lib/translation/queue";
import { freshDb } from "../helpers/db";
import { startWorker as spawnWorker, until, workerReady } from "../helpers/workers";

const workers: ChildProcess[] = [];

function startWorker(url: string): ChildProcess {
  const worker = spawnWorker(url);
  workers.push(worker);
  return worker;
}

const ready = workerReady;

afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
});

describe("translation workers", () => {
  it("finish an article whose worker was killed mid-way, losing no sentence and translating none twice", async () => {
    const { db, url } = freshDb();
    const sentences = Array.from({ length: 150 }, (_, i) => `Kim bertemu Putin di Rusia ${i}.`);
    const { articleId } = await saveArticle(
      db,
      {
        slug: "panjang",
        title: "Panjang",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [sentences],
      },
      "form",
    );
    const translated = () =>
      db.segment.count({
        where: { articleId, currentRevisionId: { not: null }, kind: "sentence" },
      });

    const first = startWorker(url);
    await ready(first);
    const team = new TeamTranslation(db, url, { jobTimeoutSeconds: 4 });
    await team.request(articleId);
    await until(async () => (await translated()) >= 5, 60_000);

    const second = startWorker(url);
    await ready(second);
    first.kill("SIGKILL");
    const sentence = { segment: { kind: "sentence" as const } };
    const before = await db.revision.findMany({
      where: sentence,
      select: { id: true, segmentId: true },
    });
    expect(before.length).toBeLessThan(150);

    await until(async () => (await translated()) === 150, 90_000);
    const revisions = await db.revision.findMany({
      where: sentence,
      select: { id: true, segmentId: true, origin: true },
    });
    // Every sentence has exactly one machine translation: none lost, none done twice.
    expect(revisions).toHaveLength(150);
    expect(new Set(revisions.map((r) => r.segmentId)).size).toBe(150);
    // What the killed worker stored is still there, unchanged.
    const ids = new Set(revisions.map((r) => r.id));
    for (const r of before) expect(ids.has(r.id)).toBe(true);
    await team.stop();
    second.kill("SIGTERM");
  }, 180_000);

  it("lets a reader on an app server that does not translate follow the workers from the database", async () => {
    const { db, url } = freshDb();
    const { articleId } = await saveArticle(
      db,
      {
        slug: "ikuti",
        title: "Ikuti",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [["Kim bertemu Putin di Rusia.", "Xi bertemu Kim di Pyongyang."]],
      },
      "form",
    );
    const worker = startWorker(url);
    await ready(worker);
    const team = new TeamTranslation(db, url, { jobTimeoutSeconds: 4 });
    await team.request(articleId, true);
    const events: TranslationEvent[] = [];
    for await (const event of streamFromDatabase(db, articleId)) events.push(event);
    expect(events[0]).toMatchObject({ type: "progress", total: 2 });
    expect(events.at(-1)).toEqual({ type: "done", done: 2, total: 2 });
    const texts = await db.revision.findMany({
      where: { segment: { kind: "sentence" } },
      select: { text: true },
      orderBy: { id: "asc" },
    });
    expect(texts.map((t) => t.text).sort()).toEqual([
      "Kim met Putin in Russia.",
      "Xi met Kim in Pyongyang.",
    ]);
    await team.stop();
    worker.kill("SIGTERM");
  }, 120_000);

  it("share a long article: its parts are jobs of their own, translated by two workers at once", async () => {
    const { db, url } = freshDb();
    const sentences = Array.from({ length: 40 }, (_, i) => `Xi bertemu Kim di Pyongyang ${i}.`);
    // A title the fixture model translates, so that nothing is left once the sentences are done.
    const { articleId } = await saveArticle(
      db,
      {
        slug: "berbagi",
        title: "Kim bertemu Putin di Rusia.",
        source: null,
        publishedAt: null,
        language: "id",
        paragraphs: [sentences],
      },
      "form",
    );
    const pool = [startWorker(url), startWorker(url)];
    await Promise.all(pool.map(ready));
    const team = new TeamTranslation(db, url, { jobTimeoutSeconds: 4, jobSentences: 16 });
    await team.request(articleId);
    // Three jobs: positions 0-15, 16-31 and 32-39.
    const jobs = await db.$queryRaw<{ data: { articleId: number; from: number; to: number } }[]>`
      SELECT data FROM pgboss.job WHERE name = 'translate-article' ORDER BY data->>'from'`;
    expect(jobs.map((j) => j.data)).toEqual([
      // The first part begins with the title (position -1).
      { articleId, from: -1, to: 16 },
      { articleId, from: 16, to: 32 },
      { articleId, from: 32, to: 48 },
    ]);
    // Both workers hold a part of the same article at the same moment.
    await until(
      async () =>
        (
          await db.$queryRaw<{ n: bigint }[]>`
            SELECT COUNT(*) AS n FROM pgboss.job WHERE name = 'translate-article' AND state = 'active'`
        )[0]!.n === 2n,
      60_000,
    );
    await until(
      async () =>
        (await db.segment.count({ where: { articleId, currentRevisionId: { not: null } } })) === 41,
      90_000,
    );
    // The 40 sentences and the title, each translated once.
    const revisions = await db.revision.findMany({ select: { segmentId: true, text: true } });
    expect(revisions).toHaveLength(41);
    expect(new Set(revisions.map((r) => r.segmentId)).size).toBe(41);
    // Asked again once all is done, nothing is left to queue.
    await team.request(articleId);
    const queued = await db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM pgboss.job WHERE name = 'translate-article' AND state = 'created'`;
    expect(queued[0]!.n).toBe(0n);
    await team.stop();
    for (const w of pool) w.kill("SIGTERM");
  }, 180_000);
});
