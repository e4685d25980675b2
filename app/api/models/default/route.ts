import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseJson } from "@/lib/http";
import {
  defaultModelId,
  defaultModelInputSchema,
  setDefaultModel,
} from "@/lib/translation/models/choice";

export const dynamic = "force-dynamic";

/** `{ model }` → that installed model translates new text from now on. */
export const PUT = handle(async (request: Request) => {
  const { model } = await parseJson(request, defaultModelInputSchema);
  await setDefaultModel(getDb(), model);
  return NextResponse.json({ defaultModel: await defaultModelId(getDb()) });
});
