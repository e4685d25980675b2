import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseId, parseJson, parseInput } from "@/lib/http";
import {
  alternativeTranslation,
  chooseAlternative,
  chooseAlternativeInputSchema,
} from "@/lib/translation/alternatives";
import { modelIdSchema } from "@/lib/translation/models/choice";

export const dynamic = "force-dynamic";

/** `?model=<id>` → what that installed model writes for the sentence (not stored). */
export const GET = handle(
  async (request: Request, { params }: RouteContext<"/api/segments/[id]/alternatives">) => {
    const id = parseId((await params).id, "segment");
    const model = parseInput(modelIdSchema, new URL(request.url).searchParams.get("model"));
    return NextResponse.json(await alternativeTranslation(getDb(), id, model));
  },
);

/** `{ model, baseRevisionId }` → stores that model's translation as the sentence's machine revision. */
export const POST = handle(
  async (request: Request, { params }: RouteContext<"/api/segments/[id]/alternatives">) => {
    const id = parseId((await params).id, "segment");
    const input = await parseJson(request, chooseAlternativeInputSchema);
    return NextResponse.json(await chooseAlternative(getDb(), id, input), { status: 201 });
  },
);
