import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseId, parseJson, userOf } from "@/lib/http";
import { updateWordInputSchema } from "@/lib/words/api";
import { ownerOf } from "@/lib/words/owner";
import { deleteWord, updateWord } from "@/lib/words/store";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/words/[id]">;

/** `{ status?, note? }`. */
export const PATCH = handle(async (request: Request, { params }: Context) => {
  const id = parseId((await params).id, "saved word");
  const patch = await parseJson(request, updateWordInputSchema);
  return NextResponse.json(await updateWord(getDb(), ownerOf(userOf(request)), id, patch));
});

export const DELETE = handle(async (request: Request, { params }: Context) => {
  await deleteWord(getDb(), ownerOf(userOf(request)), parseId((await params).id, "saved word"));
  return new Response(null, { status: 204 });
});
