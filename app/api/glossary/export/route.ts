import { getDb } from "@/lib/db/client";
import { z } from "zod";
import { exportGlossaryFile } from "@/lib/glossary/transfer";
import { handle, parseQuery } from "@/lib/http";

export const dynamic = "force-dynamic";

const exportQuerySchema = z.object({
  format: z.enum(["csv", "tbx"], { error: "format must be csv or tbx." }).default("csv"),
});

export const GET = handle(async (request: Request) => {
  const { format } = parseQuery(request, exportQuerySchema);
  return new Response(await exportGlossaryFile(getDb(), format), {
    headers: {
      "content-type":
        format === "csv" ? "text/csv; charset=utf-8" : "application/x-tbx+xml; charset=utf-8",
      "content-disposition": `attachment; filename="dwibahasa-glossary.${format}"`,
    },
  });
});
