import { getDb } from "../db/client";
import { streamFromDatabase } from "./db-stream";
import { markForRetranslation } from "./progress";
import type { TranslationEvent } from "./queue";
import { defaultQueue, getQueue, getTeam, teamMode } from "./service";
import { requireAvailableModel } from "./models/choice";
import { ValidationError } from "../errors";

export interface TranslationOptions {
  /** Replace every unreviewed machine translation (an editor's request). */
  retranslate: boolean;
  /** With retranslate: the installed model to translate with; unset, the default one. */
  model?: string;
}

/**
 * The article's translation events as an NDJSON byte stream. Cancelling the
 * stream (the client went away) only unsubscribes: the job carries on. In
 * team mode the job goes to the translation workers and the events are read
 * from the database as they store sentences.
 */
export function streamArticleTranslation(
  articleId: number,
  options: TranslationOptions,
): ReadableStream<Uint8Array> {
  if (options.model !== undefined) {
    // Only an editor's retranslation may choose the model (the route's rule checks the role).
    if (!options.retranslate) {
      throw new ValidationError("A model is chosen only to retranslate.", "invalidInput");
    }
    requireAvailableModel(options.model);
  }
  return teamMode() ? fromWorkers(articleId, options) : fromThisProcess(articleId, options);
}

const encoder = new TextEncoder();
const line = (event: TranslationEvent) => encoder.encode(JSON.stringify(event) + "\n");

function fromThisProcess(
  articleId: number,
  options: TranslationOptions,
): ReadableStream<Uint8Array> {
  let unsubscribe = () => {};
  let closed = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const queue = options.model ? getQueue(options.model) : await defaultQueue();
      const subscription = queue.translateArticle(
        articleId,
        (event) => {
          if (closed) return;
          controller.enqueue(line(event));
          if (event.type === "done" || event.type === "error") {
            closed = true;
            controller.close();
          }
        },
        options,
      );
      unsubscribe = subscription.unsubscribe;
      if (closed) unsubscribe();
    },
    cancel() {
      closed = true;
      unsubscribe();
    },
  });
}

function fromWorkers(articleId: number, options: TranslationOptions): ReadableStream<Uint8Array> {
  const db = getDb();
  let events: AsyncGenerator<TranslationEvent> | null = null;
  return new ReadableStream<Uint8Array>({
    async start() {
      if (options.retranslate) await markForRetranslation(db, articleId);
      await getTeam().request(articleId, true, options.model);
      events = streamFromDatabase(db, articleId);
    },
    async pull(controller) {
      const next = await events!.next();
      if (next.done) controller.close();
      else {
        controller.enqueue(line(next.value));
        if (next.value.type === "done" || next.value.type === "error") controller.close();
      }
    },
    async cancel() {
      await events?.return(undefined);
    },
  });
}
