import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { exportArticle } from "@/lib/export/library";
import { handle, parseQuery } from "@/lib/http";

export const dynamic = "force-dynamic";

const exportQuerySchema = z.object({
  format: z
    .enum(["md", "html", "json"], { error: "format must be md, html or json." })
    .default("md"),
  layout: z
    .enum(["side", "interleaved"], { error: "layout must be side or interleaved." })
    .default("side"),
});

export const GET = handle(
  async (request: Request, { params }: RouteContext<"/api/articles/[slug]/export">) => {
    const { slug } = await params;
    const { format, layout } = parseQuery(request, exportQuerySchema);
    const file = await exportArticle(getDb(), slug, format, layout);
    return new Response(file.body, {
      headers: {
        "content-type": file.type,
        "content-disposition": `attachment; filename="${slug}.${file.ext}"`,
      },
    });
  },
);
