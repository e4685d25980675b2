import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseQuery, userOf } from "@/lib/http";
import { marksQuerySchema } from "@/lib/words/api";
import { ownerOf } from "@/lib/words/owner";
import { wordMarksIn } from "@/lib/words/store";

export const dynamic = "force-dynamic";

/** `?article=slug`: the reader's saved words that occur in the article, for the reader's marks. */
export const GET = handle(async (request: Request) => {
  const { article } = parseQuery(request, marksQuerySchema);
  return NextResponse.json(await wordMarksIn(getDb(), ownerOf(userOf(request)), article));
});
