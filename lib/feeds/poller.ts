import { getDb } from "../db/client";
import { refreshDueFeeds } from "./feeds";

/** How often the poller looks for feeds that are due (each feed has its own next fetch time). */
const TICK_MS = 60_000;

const state = globalThis as unknown as { feedPoller?: { timer: NodeJS.Timeout; busy: boolean } };

async function tick(): Promise<void> {
  const poller = state.feedPoller;
  if (!poller || poller.busy) return;
  poller.busy = true;
  try {
    await refreshDueFeeds(getDb());
  } catch (error) {
    console.error("Feed polling failed:", error);
  } finally {
    poller.busy = false;
  }
}

/** Starts polling feeds in the server process (once); a feed just added is fetched at the next look. */
export function startFeedPolling(): void {
  if (state.feedPoller) return;
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  state.feedPoller = { timer, busy: false };
  void tick();
}

/** Looks for due feeds now (after a subscription). */
export function wakeFeedPolling(): void {
  if (state.feedPoller) void tick();
}
