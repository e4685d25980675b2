import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { exportArticle } from "@/lib/export/library";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(["md", "html", "json"]).default("md"),
  layout: z.enum(["side", "interleaved"]).default("side"),
});

export const GET = handle(
  async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success)
      throw new ValidationError(
        "format must be md, html or json; layout must be side or interleaved.",
      );
    const file = await exportArticle(getDb(), slug, parsed.data.format, parsed.data.layout);
    return new Response(file.body, {
      headers: {
        "content-type": file.type,
        "content-disposition": `attachment; filename="${slug}.${file.ext}"`,
      },
    });
  },
);
