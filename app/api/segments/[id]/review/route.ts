import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { authorOf, handle, parseId, parseJson } from "@/lib/http";
import { reviewInputSchema, reviewTranslation } from "@/lib/revisions/corrections";

export const dynamic = "force-dynamic";

export const POST = handle(
  async (request: Request, { params }: RouteContext<"/api/segments/[id]/review">) => {
    const id = parseId((await params).id, "segment");
    const input = await parseJson(request, reviewInputSchema);
    return NextResponse.json(await reviewTranslation(getDb(), id, input, authorOf(request)), {
      status: 201,
    });
  },
);
