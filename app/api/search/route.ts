import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle } from "@/lib/http";
import { parseSearchParams } from "@/lib/search/api";
import { searchLibrary } from "@/lib/search/query";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const { q, lang } = parseSearchParams(new URL(request.url).searchParams);
  return NextResponse.json({ q, lang, ...(await searchLibrary(getDb(), q, lang)) });
});
