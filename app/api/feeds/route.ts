import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listFeeds, subscribe } from "@/lib/feeds/feeds";
import { wakeFeedPolling } from "@/lib/feeds/poller";
import { handle, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

const feedInputSchema = z.object({ url: z.string().trim().min(1).max(2_000) });

export const GET = handle(async () => NextResponse.json(await listFeeds(getDb())));

/** Subscribes to `{ url }`: 201 `{ id, title, url }`; its items arrive with the next poll. */
export const POST = handle(async (request: Request) => {
  const { url } = await parseJson(request, feedInputSchema);
  const feed = await subscribe(getDb(), url);
  wakeFeedPolling();
  return NextResponse.json(feed, { status: 201 });
});
