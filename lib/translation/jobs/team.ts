import { TITLE_POSITION } from "../../articles/titles";
import PgBoss from "pg-boss";
import { isDbReachable, type Db } from "../../db/client";
import { numberSetting } from "../../settings";
import { PENDING_SEGMENT, pendingArticleIds } from "../progress";
import type { TranslationEvent, TranslationQueue } from "../queue";

/**
 * Translation as jobs on PostgreSQL (pg-boss): one job per part of an article
 * (MT_JOB_SENTENCES consecutive sentences), taken by whichever translation
 * worker is free, so that two workers share a long article instead of one
 * finishing it alone while the other waits (`npm run worker`, and the app servers'
 * own unless MT_IN_APP=0). A job that a worker does not finish within its
 * time-out (the worker died) is taken by another; what the first one stored
 * stays, and the next only translates what is still missing, so no sentence is
 * lost or translated twice. Readers follow the progress from the database
 * (lib/translation/db-stream.ts).
 */
export const TRANSLATE_ARTICLE = "translate-article";

/** A reader is waiting for this article: its job goes before the background's. */
const READER_PRIORITY = 10;

export interface TeamSettings {
  /** Seconds a worker may hold a job before another takes it (MT_JOB_TIMEOUT_SECONDS). */
  jobTimeoutSeconds: number;
  /** Consecutive sentence positions in one job (MT_JOB_SENTENCES). */
  jobSentences?: number;
}

/** Sentences per job unless MT_JOB_SENTENCES says otherwise: one batch of the default size. */
export const DEFAULT_JOB_SENTENCES = 16;

export function teamSettings(env: NodeJS.ProcessEnv = process.env): TeamSettings {
  return {
    jobTimeoutSeconds: numberSetting("MT_JOB_TIMEOUT_SECONDS", 900, { env }),
    jobSentences: numberSetting("MT_JOB_SENTENCES", DEFAULT_JOB_SENTENCES, { env }),
  };
}

/**
 * A job: the article, and the positions of the sentences it covers
 * ([from, to); both absent in jobs queued before parts existed: the whole article).
 */
export interface ArticlePartJob {
  articleId: number;
  from?: number;
  to?: number;
  /** The model that translates it (an editor's choice); absent: the default model. */
  model?: string;
}

export class TeamTranslation {
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    connectionString: string,
    private readonly settings: TeamSettings = teamSettings(),
  ) {
    this.boss = new PgBoss({
      connectionString,
      max: 4,
      // Expired jobs (a worker that died) are found by this check, so it runs often.
      maintenanceIntervalSeconds: Math.max(
        1,
        Math.min(60, Math.floor(settings.jobTimeoutSeconds / 2)),
      ),
      monitorStateIntervalSeconds: 60,
    });
    // A database restart: pg-boss reports it and keeps polling; nothing to do but say so.
    this.boss.on("error", (error) => console.error(`Translation jobs: ${error.message}`));
  }

  start(): Promise<void> {
    this.started ??= retryOnDeadlock(async () => {
      await this.boss.start();
      // One queued and one active job per article at most: asking twice is harmless.
      await this.boss.createQueue(TRANSLATE_ARTICLE, {
        name: TRANSLATE_ARTICLE,
        policy: "stately",
        retryLimit: 3,
        retryDelay: 5,
        expireInSeconds: this.settings.jobTimeoutSeconds,
      });
    });
    return this.started;
  }

  /**
   * Asks for an article's translation (a reader's request goes first): a job
   * for each part that has sentences to translate, first part first.
   */
  async request(articleId: number, reader = false, model?: string): Promise<void> {
    await this.start();
    const pending = await this.db.segment.findMany({
      where: { ...PENDING_SEGMENT, articleId },
      select: { position: true },
      orderBy: { position: "asc" },
    });
    await this.sendParts(
      articleId,
      pending.map((s) => s.position),
      reader,
      model,
    );
  }

  /** One job per part of the article holding any of these pending positions (ascending). */
  private async sendParts(
    articleId: number,
    positions: number[],
    reader: boolean,
    model?: string,
  ): Promise<void> {
    const size = Math.max(1, this.settings.jobSentences ?? DEFAULT_JOB_SENTENCES);
    // The title (position -1) belongs to the first part, not to a part of its own.
    const parts = [
      ...new Set(positions.map((position) => Math.floor(Math.max(0, position) / size))),
    ];
    for (const part of parts)
      await this.boss.send(
        TRANSLATE_ARTICLE,
        {
          articleId,
          from: part === 0 ? TITLE_POSITION : part * size,
          to: (part + 1) * size,
          ...(model ? { model } : {}),
        } satisfies ArticlePartJob,
        {
          singletonKey: `${articleId}:${part}${model ? `:${model}` : ""}`,
          priority: reader ? READER_PRIORITY : 0,
        },
      );
  }

  /** Queues a job for every article that still has sentences to translate, newest first. */
  async schedule(): Promise<number> {
    await this.start();
    // Two queries for the whole library (this runs every 30 s on every app server),
    // not one per article.
    const [ids, pending] = await Promise.all([
      pendingArticleIds(this.db),
      this.db.segment.findMany({
        where: PENDING_SEGMENT,
        select: { articleId: true, position: true },
        orderBy: { position: "asc" },
      }),
    ]);
    const positions = new Map<number, number[]>();
    for (const s of pending) {
      const list = positions.get(s.articleId);
      if (list) list.push(s.position);
      else positions.set(s.articleId, [s.position]);
    }
    for (const id of ids) await this.sendParts(id, positions.get(id) ?? [], false);
    return ids.length;
  }

  /**
   * Works on jobs with this process's queues (a translation worker), one part
   * at a time: a queue, or the queue of the model a job names (absent: the default).
   */
  async work(
    queues: TranslationQueue | ((model: string | undefined) => Promise<TranslationQueue>),
  ): Promise<void> {
    await this.start();
    await this.boss.work<ArticlePartJob>(
      TRANSLATE_ARTICLE,
      { batchSize: 1, pollingIntervalSeconds: 1, priority: true },
      async ([job]) => {
        if (!job) return;
        let failure: Extract<TranslationEvent, { type: "error" }> | null = null;
        const queue = typeof queues === "function" ? await queues(job.data.model) : queues;
        await queue.translateArticle(
          job.data.articleId,
          (event) => {
            if (event.type === "error") failure = event;
          },
          {
            background: true,
            positions:
              job.data.from === undefined || job.data.to === undefined
                ? undefined
                : { from: job.data.from, to: job.data.to },
          },
        ).finished;
        // Thrown, the job is retried (by this worker or another) until its retries run out.
        const failed = failure as Extract<TranslationEvent, { type: "error" }> | null;
        if (failed) {
          // The database may be what failed (a restart): pg-boss records the failure in it,
          // so wait until it answers again rather than lose that write.
          await this.waitForDatabase();
          throw new Error(failed.error);
        }
      },
    );
  }

  private async waitForDatabase(): Promise<void> {
    const until = Date.now() + this.settings.jobTimeoutSeconds * 1000;
    while (Date.now() < until && !(await isDbReachable(this.db)))
      await new Promise((resolve) => setTimeout(resolve, 1000));
  }

  /** Stops taking jobs; the one in hand finishes first (up to `timeoutMs`). */
  async stop(timeoutMs = 4000): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
  }
}

/**
 * Runs pg-boss's set-up again when PostgreSQL broke a deadlock in it: several
 * workers starting at once on a new database create the same queue together.
 */
async function retryOnDeadlock(setUp: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await setUp();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "40P01" || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
