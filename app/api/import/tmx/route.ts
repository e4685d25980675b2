import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseUpload } from "@/lib/http";
import { importTmx } from "@/lib/memory/tmx-import";

export const dynamic = "force-dynamic";

/** A TMX 1.4 file (`{ content }` or a multipart `file`) into translation memory: `{ units, applied }`. */
export const POST = handle(async (request: Request) => {
  return NextResponse.json(await importTmx(getDb(), await parseUpload(request)));
});
