import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { exportGlossaryFile } from "@/lib/glossary/transfer";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "tbx") throw new ValidationError("format must be csv or tbx.");
  return new Response(await exportGlossaryFile(getDb(), format), {
    headers: {
      "content-type":
        format === "csv" ? "text/csv; charset=utf-8" : "application/x-tbx+xml; charset=utf-8",
      "content-disposition": `attachment; filename="dwibahasa-glossary.${format}"`,
    },
  });
});
