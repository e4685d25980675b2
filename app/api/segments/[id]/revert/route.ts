import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { authorOf, handle, parseId, parseJson } from "@/lib/http";
import { revertInputSchema, revertTranslation } from "@/lib/revisions/corrections";

export const dynamic = "force-dynamic";

export const POST = handle(
  async (request: Request, { params }: RouteContext<"/api/segments/[id]/revert">) => {
    const id = parseId((await params).id, "segment");
    const input = await parseJson(request, revertInputSchema);
    return NextResponse.json(await revertTranslation(getDb(), id, input, authorOf(request)), {
      status: 201,
    });
  },
);
