import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { lookupInLibrary } from "@/lib/lookup/library";

export const dynamic = "force-dynamic";

const query = z.object({ word: z.string().trim().min(1).max(60).regex(/\p{L}/u) });

export const GET = handle(async (request: Request) => {
  const parsed = query.safeParse({ word: new URL(request.url).searchParams.get("word") ?? "" });
  if (!parsed.success)
    throw new ValidationError(
      "Give one word to look up (word=…, up to 60 characters, with at least one letter).",
    );
  return NextResponse.json(await lookupInLibrary(getDb(), parsed.data.word));
});
