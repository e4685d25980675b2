import { getDb } from "@/lib/db/client";
import { removeFeed } from "@/lib/feeds/feeds";
import { handle, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Unsubscribes: 204; the feed's articles stay. */
export const DELETE = handle(
  async (_request: Request, { params }: RouteContext<"/api/feeds/[id]">) => {
    await removeFeed(getDb(), parseId((await params).id, "feed"));
    return new Response(null, { status: 204 });
  },
);
