import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { refreshFeed } from "@/lib/feeds/feeds";
import { handle, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Fetches the feed now: `{ added, skipped, failed: [{ url, error }], error }`. */
export const POST = handle(
  async (_request: Request, { params }: RouteContext<"/api/feeds/[id]/refresh">) => {
    return NextResponse.json(await refreshFeed(getDb(), parseId((await params).id, "feed")));
  },
);
