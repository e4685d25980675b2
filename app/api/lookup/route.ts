import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { handle, parseQuery } from "@/lib/http";
import { lookupInLibrary } from "@/lib/lookup/library";

export const dynamic = "force-dynamic";

const WORD_ERROR = {
  error: "Give one word to look up (word=…, up to 60 characters, with at least one letter).",
};
const lookupQuerySchema = z.object({
  word: z
    .string(WORD_ERROR)
    .trim()
    .min(1, WORD_ERROR)
    .max(60, WORD_ERROR)
    .regex(/\p{L}/u, WORD_ERROR),
});

export const GET = handle(async (request: Request) => {
  const { word } = parseQuery(request, lookupQuerySchema);
  return NextResponse.json(await lookupInLibrary(getDb(), word));
});
