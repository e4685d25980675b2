import { NextResponse } from "next/server";
import { findArticleId } from "@/lib/articles/queries";
import { getDb } from "@/lib/db/client";
import { consistencyReport } from "@/lib/glossary/consistency";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `?article=slug` for one article, otherwise the whole library. */
export const GET = handle(async (request: Request) => {
  const slug = new URL(request.url).searchParams.get("article") ?? undefined;
  if (slug) await findArticleId(getDb(), slug);
  return NextResponse.json(await consistencyReport(getDb(), slug));
});
