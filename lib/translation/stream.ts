import { getQueue } from "./service";

/**
 * The article's translation events as an NDJSON byte stream. Cancelling the
 * stream (the client went away) only unsubscribes: the job carries on.
 */
export function streamArticleTranslation(
  articleId: number,
  options: { retranslate: boolean },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const subscription = getQueue().translateArticle(
        articleId,
        (event) => {
          if (closed) return;
          controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
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
