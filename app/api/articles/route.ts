import { NextResponse } from "next/server";
import { createArticle } from "@/lib/articles/create";
import { listArticles } from "@/lib/articles/library";
import { newArticleInputSchema } from "@/lib/content/article-file";
import { getDb } from "@/lib/db/client";
import { handle, parseJson } from "@/lib/http";
import { translateInBackground } from "@/lib/translation/service";

export const dynamic = "force-dynamic";

export const GET = handle(async () => NextResponse.json(await listArticles(getDb())));

export const POST = handle(async (request: Request) => {
  const input = await parseJson(request, newArticleInputSchema);
  const { slug, id } = await createArticle(getDb(), input);
  translateInBackground(id);
  return NextResponse.json({ slug }, { status: 201 });
});
