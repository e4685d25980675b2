import { findArticleId } from "@/lib/articles/queries";
import { getDb } from "@/lib/db/client";
import { handle } from "@/lib/http";
import { streamArticleTranslation } from "@/lib/translation/stream";

export const dynamic = "force-dynamic";

/** Starts or joins the article's translation; streams NDJSON events until it ends. */
export const POST = handle(
  async (request: Request, { params }: RouteContext<"/api/articles/[slug]/translate">) => {
    const { slug } = await params;
    const articleId = await findArticleId(getDb(), slug);
    const query = new URL(request.url).searchParams;
    const retranslate = query.get("retranslate") === "1";
    const model = query.get("model") ?? undefined;
    return new Response(streamArticleTranslation(articleId, { retranslate, model }), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  },
);
