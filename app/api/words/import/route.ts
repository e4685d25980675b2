import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseUpload, userOf } from "@/lib/http";
import { importWords } from "@/lib/words/exchange";
import { ownerOf } from "@/lib/words/owner";

export const dynamic = "force-dynamic";

/** A CSV word list (`{ content }` or a multipart `file`): `200 { added, existing, skipped }`, or 422 and nothing imported. */
export const POST = handle(async (request: Request) => {
  const content = await parseUpload(request);
  return NextResponse.json(await importWords(getDb(), ownerOf(userOf(request)), content));
});
