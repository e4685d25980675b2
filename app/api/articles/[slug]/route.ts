import { NextResponse } from "next/server";
import { getArticleView } from "@/lib/articles/queries";
import { getDb } from "@/lib/db/client";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(
  async (_request: Request, { params }: RouteContext<"/api/articles/[slug]">) => {
    const { slug } = await params;
    return NextResponse.json(await getArticleView(getDb(), slug));
  },
);
