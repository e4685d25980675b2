import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { glossaryQuerySchema } from "@/lib/glossary/api";
import { listEntries } from "@/lib/glossary/list";
import { createEntry } from "@/lib/glossary/write";
import { glossaryEntryInputSchema } from "@/lib/glossary/types";
import { authorOf, handle, parseJson, parseQuery } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const query = parseQuery(request, glossaryQuerySchema);
  return NextResponse.json(await listEntries(getDb(), query));
});

export const POST = handle(async (request: Request) => {
  const input = await parseJson(request, glossaryEntryInputSchema);
  return NextResponse.json(await createEntry(getDb(), input, authorOf(request)), { status: 201 });
});
