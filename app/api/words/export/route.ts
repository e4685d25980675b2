import { getDb } from "@/lib/db/client";
import { handle, parseQuery, userOf } from "@/lib/http";
import { wordsExportQuerySchema } from "@/lib/words/api";
import { exportWords } from "@/lib/words/exchange";
import { ownerOf } from "@/lib/words/owner";

export const dynamic = "force-dynamic";

/** `?format=anki|csv` with the Words page's filters. */
export const GET = handle(async (request: Request) => {
  const { format, ...query } = parseQuery(request, wordsExportQuerySchema);
  const base = new URL(request.url).origin;
  const body = await exportWords(getDb(), ownerOf(userOf(request)), query, format, base);
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="dwibahasa-words${format === "anki" ? "-anki.txt" : ".csv"}"`,
    },
  });
});
