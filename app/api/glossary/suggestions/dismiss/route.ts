import { getDb } from "@/lib/db/client";
import { dismissInputSchema } from "@/lib/glossary/api";
import { dismissSuggestion } from "@/lib/glossary/suggestions";
import { handle, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const { text } = await parseJson(request, dismissInputSchema);
  await dismissSuggestion(getDb(), text);
  return new Response(null, { status: 204 });
});
