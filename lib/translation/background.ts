import type { Db } from "../db/client";
import { nextPendingArticle } from "./progress";
import type { TranslationEvent, TranslationQueue } from "./queue";

/** Attempts that may fail before an article is left for a reader to retry. */
const MAX_FAILURES = 2;

/**
 * Translates the library without anyone opening an article: newest article
 * first, one article at a time through the shared queue (a reader who opens an
 * article joins its job, or has theirs served first). The work list is the
 * database itself, every live sentence without a translation, so articles
 * that arrive by any path, and those left unfinished by a restart, are found
 * without being handed over.
 */
export class BackgroundTranslation {
  /** Articles that made no progress in this process: not tried again until they change. */
  private readonly stuck = new Set<number>();
  /** Failed attempts per article (a worker that died, a database error): retried once. */
  private readonly failures = new Map<number, number>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Why the last pass stopped early (the model is unavailable), if it did. */
  private paused: string | null = null;

  constructor(
    private readonly db: Db,
    /** The queue of the model that translates new text (it may change between articles). */
    private readonly queue: TranslationQueue | (() => Promise<TranslationQueue>),
  ) {}

  /** Looks for work now: an article arrived or changed (its id), or the model may be back. */
  wake(articleId?: number): void {
    if (articleId !== undefined) {
      this.stuck.delete(articleId);
      this.failures.delete(articleId);
    }
    this.paused = null;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops taking new articles (the current batch finishes, and is stored). */
  stop(): void {
    this.stopped = true;
  }

  /** Resolves when the background has nothing left to do (for tests and scripts). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  status(): { paused: string | null } {
    return { paused: this.paused };
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const articleId = await nextPendingArticle(this.db, this.stuck);
      if (articleId === null) return;
      const outcome = await this.translate(articleId);
      if (outcome.type === "error" && outcome.code === "modelUnavailable") {
        // Nothing can be translated until the model is installed; a later wake retries.
        this.paused = outcome.error;
        return;
      }
      if (outcome.type === "error") {
        const failures = (this.failures.get(articleId) ?? 0) + 1;
        this.failures.set(articleId, failures);
        if (failures >= MAX_FAILURES) this.stuck.add(articleId);
      } else if (!outcome.progressed) this.stuck.add(articleId);
    }
  }

  private async translate(
    articleId: number,
  ): Promise<{ type: "done"; progressed: boolean } | Extract<TranslationEvent, { type: "error" }>> {
    let last: TranslationEvent | null = null;
    let stored = 0;
    const queue = typeof this.queue === "function" ? await this.queue() : this.queue;
    const { finished } = queue.translateArticle(
      articleId,
      (event) => {
        last = event;
        if (event.type === "segment") stored++;
      },
      { background: true },
    );
    await finished;
    const end = last as TranslationEvent | null;
    if (end?.type === "error") return end;
    return { type: "done", progressed: stored > 0 };
  }
}
