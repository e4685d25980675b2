import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseJson, parseQuery, userOf } from "@/lib/http";
import { saveWordInputSchema, wordsQuerySchema } from "@/lib/words/api";
import { ownerOf } from "@/lib/words/owner";
import { listWords, saveWord } from "@/lib/words/store";

export const dynamic = "force-dynamic";

/** The reader's saved words, with the Words page's filters. */
export const GET = handle(async (request: Request) => {
  const query = parseQuery(request, wordsQuerySchema);
  return NextResponse.json(await listWords(getDb(), ownerOf(userOf(request)), query));
});

/** `{ form, segmentId, note? }`: 201 with a new word; 200 when it was saved before (`contextAdded` tells whether the sentence was added). */
export const POST = handle(async (request: Request) => {
  const input = await parseJson(request, saveWordInputSchema);
  const outcome = await saveWord(getDb(), ownerOf(userOf(request)), input);
  return NextResponse.json(
    { ...outcome.word, contextAdded: outcome.contextAdded },
    { status: outcome.created ? 201 : 200 },
  );
});
