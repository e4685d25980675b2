import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { handle, parseQuery } from "@/lib/http";
import { articleProgress, libraryProgress, pendingWork } from "@/lib/translation/progress";

export const dynamic = "force-dynamic";

const progressQuerySchema = z.object({
  // The slugs of the articles on the reader's page (a page of the library at most).
  slugs: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean).slice(0, 200) : [])),
});

/** `?slugs=a,b` → `{ articles: { [slug]: { done, total } }, library: { done, total }, queue }`. */
export const GET = handle(async (request: Request) => {
  const { slugs } = parseQuery(request, progressQuerySchema);
  const db = getDb();
  const [articles, library, queue] = await Promise.all([
    articleProgress(db, slugs),
    libraryProgress(db),
    pendingWork(db),
  ]);
  return NextResponse.json({ articles, library, queue });
});
