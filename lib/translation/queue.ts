import type { Db } from "../db/client";
import { ConflictError, type ErrorBody } from "../errors";
import { translateWithGlossary, type MachineTranslation } from "../glossary/translate";
import { applyMemory } from "../revisions/corrections";
import { appendRevision, type Origin } from "../revisions/store";
import { DEFAULT_BATCH_TOKENS, planBatches } from "./batches";
import { ModelUnavailableError, type TranslationEngine } from "./engine";
import type { TranslationFlag } from "./output-check";
import { recordRun } from "./models/speed";

export type TranslationEvent =
  | { type: "progress"; done: number; total: number }
  | {
      type: "segment";
      segmentId: number;
      text: string;
      origin: Origin;
      revisionId: number;
      /** 0-1 for machine translations, null for memory text. */
      confidence: number | null;
      flags: TranslationFlag[];
      done: number;
      total: number;
    }
  | { type: "done"; done: number; total: number }
  | ({
      type: "error";
      hint?: string;
      install?: { command: string | null; folder: string };
    } & ErrorBody);

type Listener = (event: TranslationEvent) => void;

export interface QueueOptions {
  /** At most this many sentences in one model call. */
  batchSize: number;
  /** At most this many padded source tokens in one model call (see batches.ts). */
  batchTokens?: number;
  /** Model calls running at once over all articles (the model is CPU-bound). */
  concurrency: number;
}

interface PendingSegment {
  id: number;
  source: string;
  baseRevisionId: number | null;
  /** The article's title is translated with it, but done and total count sentences. */
  isTitle: boolean;
}

/**
 * Translates articles in the background. One job per article: a second request
 * for the same article joins the running job. Jobs are independent of the HTTP
 * requests that started them, so a client that goes away does not stop the
 * stored result from completing.
 */
/** Sentence positions [from, to) of an article: a team job's part (jobs/team.ts). */
export interface PositionRange {
  from: number;
  to: number;
}

export class TranslationQueue {
  /** By article id, or article id and part for a part of one. */
  private readonly jobs = new Map<string, ArticleJob>();
  private running = 0;
  /** Batches waiting for a model slot; an article someone is reading goes first. */
  private readonly waiting: { resume: () => void; watched: () => boolean }[] = [];

  constructor(
    private readonly db: Db,
    private readonly engine: TranslationEngine,
    private readonly options: QueueOptions,
  ) {}

  /**
   * Starts (or joins) the translation of an article and subscribes to its
   * events. A reader's subscription (the default) puts the article's batches
   * ahead of background work; `background: true` is the background
   * translation's own, which does not.
   */
  translateArticle(
    articleId: number,
    listener: Listener,
    opts: { retranslate?: boolean; background?: boolean; positions?: PositionRange } = {},
  ): { unsubscribe(): void; finished: Promise<void> } {
    const key = opts.positions
      ? `${articleId}:${opts.positions.from}-${opts.positions.to}`
      : String(articleId);
    let job = this.jobs.get(key);
    if (!job) {
      job = new ArticleJob(articleId);
      this.jobs.set(key, job);
      const created = job;
      created.finished = this.run(
        articleId,
        created,
        opts.retranslate ?? false,
        opts.positions,
      ).finally(() => {
        this.jobs.delete(key);
      });
    }
    return {
      unsubscribe: job.subscribe(listener, !opts.background),
      finished: job.finished,
    };
  }

  /** Whether any translation of the article (or of a part of it) runs now. */
  isRunning(articleId: number): boolean {
    return [...this.jobs.values()].some((job) => job.articleId === articleId);
  }

  /** Articles being translated now, and the sentences they still have to do. */
  activeJobs(): { articleId: number; done: number; total: number; watched: boolean }[] {
    return [...this.jobs.values()].map((job) => ({
      articleId: job.articleId,
      done: job.done,
      total: job.total,
      watched: job.watchers > 0,
    }));
  }

  private async run(
    articleId: number,
    job: ArticleJob,
    retranslate: boolean,
    positions: PositionRange | undefined,
  ): Promise<void> {
    try {
      const { pending, total } = await this.pendingSegments(articleId, retranslate, job, positions);
      job.total = total;
      job.done = total - pending.filter((s) => !s.isTitle).length;
      job.emit({ type: "progress", done: job.done, total });
      for (const m of job.remembered) {
        job.emit({
          type: "segment",
          segmentId: m.segmentId,
          text: m.text,
          origin: "memory",
          revisionId: m.revisionId,
          confidence: null,
          flags: [],
          done: job.done,
          total,
        });
      }
      if (pending.length > 0 && !(await this.engine.ensureLoaded())) {
        const status = this.engine.status();
        job.emit({
          type: "error",
          error: status.error ?? "The translation model is not available.",
          code: "modelUnavailable",
          params: { model: this.engine.modelId },
          hint: status.hint,
          install: status.install,
        });
        return;
      }
      // The title is a call of its own, first: the sentences' batches stay as they were
      // without it (a batch's make-up can change what the model writes for a row).
      const title = pending.filter((s) => s.isTitle);
      const batches = [
        ...(title.length > 0 ? [title] : []),
        ...planBatches(
          pending.filter((s) => !s.isTitle),
          {
            maxRows: this.options.batchSize,
            maxTokens: this.options.batchTokens ?? DEFAULT_BATCH_TOKENS,
          },
        ),
      ];
      for (const batch of batches) {
        const run = {
          modelId: this.engine.modelId,
          sentences: batch.length,
          tokens: 0,
          milliseconds: 0,
        };
        const translations = await this.withSlot(
          () =>
            translateWithGlossary(
              this.db,
              batch.map((s) => s.source),
              async (requests) => {
                const started = performance.now();
                const results = await this.engine.translateBatch(requests);
                run.milliseconds += performance.now() - started;
                run.tokens += results.reduce((n, r) => n + r.tokens, 0);
                return results;
              },
            ),
          () => job.watchers > 0,
        );
        await recordRun(this.db, run);
        for (const [k, segment] of batch.entries()) {
          const translation = translations[k];
          const revision = translation
            ? await this.storeMachineRevision(segment, translation)
            : null;
          if (!segment.isTitle) job.done++;
          if (revision && translation) {
            job.emit({
              type: "segment",
              segmentId: segment.id,
              text: translation.text,
              origin: "machine",
              revisionId: revision.id,
              confidence: translation.confidence,
              flags: translation.flags,
              done: job.done,
              total,
            });
          } else {
            job.emit({ type: "progress", done: job.done, total });
          }
        }
      }
      job.emit({ type: "done", done: job.done, total });
    } catch (error) {
      console.error(error);
      const hint = this.engine.status().hint;
      if (error instanceof ModelUnavailableError) {
        job.emit({
          type: "error",
          error: error.message,
          code: "modelUnavailable",
          params: { model: this.engine.modelId },
          hint,
        });
      } else {
        const detail = error instanceof Error ? error.message : String(error);
        job.emit({
          type: "error",
          error: `Translation stopped: ${detail}`,
          code: "translationStopped",
          params: { detail },
          hint,
        });
      }
    }
  }

  /**
   * Segments the model must translate: those without a translation (after
   * translation memory has filled what it can), machine translations marked out
   * of date, and, when retranslating, every unreviewed machine translation.
   */
  private async pendingSegments(
    articleId: number,
    retranslate: boolean,
    job: ArticleJob,
    positions: PositionRange | undefined,
  ): Promise<{ pending: PendingSegment[]; total: number }> {
    const select = {
      id: true,
      kind: true,
      source: true,
      currentRevisionId: true,
      outdatedAt: true,
      currentRevision: { select: { origin: true, event: true } },
    };
    const where = {
      articleId,
      removedAt: null,
      ...(positions ? { position: { gte: positions.from, lt: positions.to } } : {}),
    };
    let segments = await this.db.segment.findMany({ where, orderBy: { position: "asc" }, select });
    const untranslated = segments.filter((s) => s.currentRevisionId === null).map((s) => s.id);
    const remembered = await this.db.$transaction((tx) => applyMemory(tx, untranslated));
    if (remembered.length > 0) {
      job.remembered = remembered;
      segments = await this.db.segment.findMany({ where, orderBy: { position: "asc" }, select });
    }
    const pending = segments
      .filter((s) => {
        if (s.currentRevisionId === null) return true;
        // Human, memory and reviewed translations are never replaced by the model.
        if (s.currentRevision?.origin !== "machine" || s.currentRevision.event === "review")
          return false;
        return retranslate || s.outdatedAt !== null;
      })
      .map((s) => ({
        id: s.id,
        source: s.source,
        baseRevisionId: s.currentRevisionId,
        isTitle: s.kind === "title",
      }));
    return { pending, total: segments.filter((s) => s.kind === "sentence").length };
  }

  private async storeMachineRevision(segment: PendingSegment, translation: MachineTranslation) {
    const { text, confidence, flags } = translation;
    if (text.trim() === "") return null;
    try {
      return await this.db.$transaction((tx) =>
        appendRevision(tx, {
          segmentId: segment.id,
          baseRevisionId: segment.baseRevisionId,
          origin: "machine",
          event: "translate",
          text,
          modelId: this.engine.modelId,
          modelRevision: this.engine.modelRevision,
          decoding: translation.decoding,
          confidence,
          flags,
        }),
      );
    } catch (error) {
      // Someone saved a translation meanwhile: theirs stands.
      if (error instanceof ConflictError) return null;
      throw error;
    }
  }

  private async withSlot<T>(work: () => Promise<T>, watched: () => boolean): Promise<T> {
    if (this.running >= this.options.concurrency) {
      // The finishing holder hands its slot straight to us (running stays the same).
      await new Promise<void>((resume) => this.waiting.push({ resume, watched }));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // An article someone has open goes before background work; otherwise first come, first served.
      const urgent = this.waiting.findIndex((w) => w.watched());
      const [next] = this.waiting.splice(urgent >= 0 ? urgent : 0, 1);
      if (next) next.resume();
      else this.running--;
      // Let pending HTTP requests run between model calls.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

class ArticleJob {
  constructor(readonly articleId: number) {}

  remembered: { segmentId: number; revisionId: number; text: string }[] = [];
  done = 0;
  total = 0;
  finished: Promise<void> = Promise.resolve();
  /** Readers subscribed now (not counting the background translation's own subscription). */
  watchers = 0;
  private readonly listeners = new Set<Listener>();
  private readonly history: TranslationEvent[] = [];

  subscribe(listener: Listener, watching: boolean): () => void {
    // A late joiner first sees where the job stands.
    for (const event of this.history) listener(event);
    this.listeners.add(listener);
    if (watching) this.watchers++;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.listeners.delete(listener);
      if (watching) this.watchers--;
    };
  }

  emit(event: TranslationEvent): void {
    this.history.push(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener whose client went away must not stop the job.
      }
    }
  }
}
