// Team mode with an M2M100 model: a translation worker (`npm run worker`) on
// a real PostgreSQL database, MT_MODEL naming the M2M100-shaped fixture,
// stores exactly what Transformers.js's translation pipeline writes with the
// same language codes under greedy decoding.
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { importArticles } from "@/lib/content/import";
import { TeamTranslation } from "@/lib/translation/jobs/team";
import { freshDb } from "../helpers/db";
import { pipelineTranslations } from "../helpers/pipeline-reference";
import { startWorker, until, workerReady } from "../helpers/workers";

const FIXTURE = "tests/fixtures/tiny-m2m100";
let worker: ChildProcess | null = null;

afterAll(() => {
  if (worker?.exitCode === null) worker.kill("SIGKILL");
});

describe("a team worker with an M2M100 model", () => {
  it("translates the seed articles as the translation pipeline does", async () => {
    const { db, url } = freshDb();
    await importArticles(db, path.resolve("content"));
    worker = startWorker(url, ["ignore", "pipe", "inherit"], { MT_MODEL: FIXTURE, MT_BEAMS: "1" });
    await workerReady(worker);
    const team = new TeamTranslation(db, url, { jobTimeoutSeconds: 30 });
    for (const { id } of await db.article.findMany({ select: { id: true } })) {
      await team.request(id);
    }
    const total = await db.segment.count();
    await until(
      async () =>
        (await db.segment.count({ where: { currentRevisionId: { not: null } } })) === total,
      120_000,
    );
    await team.stop();
    const segments = await db.segment.findMany({
      orderBy: [{ articleId: "asc" }, { position: "asc" }],
      select: { source: true, currentRevision: { select: { text: true, modelId: true } } },
    });
    expect(segments.every((s) => s.currentRevision?.modelId === FIXTURE)).toBe(true);
    const expected = await pipelineTranslations(
      db,
      FIXTURE,
      segments.map((s) => s.source),
    );
    expect(segments.map((s) => s.currentRevision!.text)).toEqual(expected);
  }, 180_000);
});
