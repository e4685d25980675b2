// Runs once when the server starts: begin loading the translation model in the
// background so that the first article does not wait for it, so that the
// health endpoint can tell early whether the model is usable, and start
// translating whatever the library still lacks, and polling the feeds.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any cache exists: on PostgreSQL, app servers tell each other what changed.
  const { installSharedBus } = await import("./lib/cache/postgres-bus");
  installSharedBus();
  // Pages and JSON served again until what they were made from changes (scripts/serve.mjs).
  const { installResponseCache } = await import("./lib/cache/response-cache");
  installResponseCache();
  const { getEngine } = await import("./lib/translation/engines");
  const { startBackgroundTranslation } = await import("./lib/translation/service");
  void getEngine().ensureLoaded();
  startBackgroundTranslation();
  const { startFeedPolling } = await import("./lib/feeds/poller");
  startFeedPolling();
}
