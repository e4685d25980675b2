import { getDb } from "../db/client";
import { streamFromDatabase } from "./db-stream";
import { markForRetranslation } from "./progress";
import type { TranslationEvent } from "./queue";
import { getQueue, getTeam, teamMode } from "./service";

/**
 * The article's translation events as an NDJSON byte stream. Cancelling the
 * stream (the client went away) only unsubscribes: the job carries on. In
 * team mode the job goes to the translation workers and the events are read
 * from the database as they store sentences.
 */
export function streamArticleTranslation(
  articleId: number,
  options: { retranslate: boolean },
): ReadableStream<Uint8Array> {
  return teamMode() ? fromWorkers(articleId, options) : fromThisProcess(articleId, options);
}

const encoder = new TextEncoder();
const line = (event: TranslationEvent) => encoder.encode(JSON.stringify(event) + "\n");

function fromThisProcess(
  articleId: number,
  options: { retranslate: boolean },
): ReadableStream<Uint8Array> {
  let unsubscribe = () => {};
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const subscription = getQueue().translateArticle(
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

function fromWorkers(
  articleId: number,
  options: { retranslate: boolean },
): ReadableStream<Uint8Array> {
  const db = getDb();
  let events: AsyncGenerator<TranslationEvent> | null = null;
  return new ReadableStream<Uint8Array>({
    async start() {
      if (options.retranslate) await markForRetranslation(db, articleId);
      await getTeam().request(articleId, true);
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
