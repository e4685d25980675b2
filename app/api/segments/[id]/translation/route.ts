import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { authorOf, handle, parseId, parseJson } from "@/lib/http";
import { saveTranslation, saveTranslationInputSchema } from "@/lib/revisions/corrections";

export const dynamic = "force-dynamic";

/** Saves a reader's correction; 409 with the current text if someone saved first. */
export const PUT = handle(
  async (request: Request, { params }: RouteContext<"/api/segments/[id]/translation">) => {
    const id = parseId((await params).id, "segment");
    const input = await parseJson(request, saveTranslationInputSchema);
    return NextResponse.json(await saveTranslation(getDb(), id, input, authorOf(request)), {
      status: 201,
    });
  },
);
