import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { getEntry } from "@/lib/glossary/list";
import { deleteEntry, updateEntry } from "@/lib/glossary/write";
import { glossaryEntryInputSchema } from "@/lib/glossary/types";
import { authorOf, handle, parseId, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/glossary/[id]">;

export const GET = handle(async (_request: Request, { params }: Context) => {
  return NextResponse.json(await getEntry(getDb(), parseId((await params).id, "glossary entry")));
});

export const PUT = handle(async (request: Request, { params }: Context) => {
  const id = parseId((await params).id, "glossary entry");
  const input = await parseJson(request, glossaryEntryInputSchema);
  return NextResponse.json(await updateEntry(getDb(), id, input, authorOf(request)));
});

export const DELETE = handle(async (request: Request, { params }: Context) => {
  await deleteEntry(getDb(), parseId((await params).id, "glossary entry"), authorOf(request));
  return new Response(null, { status: 204 });
});
