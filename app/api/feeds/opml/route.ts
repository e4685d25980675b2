import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { listFeeds } from "@/lib/feeds/feeds";
import { importOpml, writeOpml } from "@/lib/feeds/opml";
import { wakeFeedPolling } from "@/lib/feeds/poller";
import { handle, parseUpload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The feeds followed, as an OPML 2.0 file for another reader. */
export const GET = handle(async () => {
  return new Response(writeOpml(await listFeeds(getDb())), {
    headers: {
      "content-type": "text/x-opml; charset=utf-8",
      "content-disposition": 'attachment; filename="dwibahasa-feeds.opml"',
    },
  });
});

/** Follows the feeds of an OPML file (`{ content }` or a multipart `file`): `{ added, skipped, failed }`. */
export const POST = handle(async (request: Request) => {
  const report = await importOpml(getDb(), await parseUpload(request));
  if (report.added.length > 0) wakeFeedPolling();
  return NextResponse.json(report);
});
