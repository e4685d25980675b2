import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { importFromFile, importFromUrl, previewEpub } from "@/lib/extraction/import";
import { handle, isMultipart, parseInput, parseJson, parseQuery, uploadedForm } from "@/lib/http";
import { translateInBackground } from "@/lib/translation/service";

export const dynamic = "force-dynamic";

const byLinkSchema = z.object({ url: z.string().trim().min(1).max(2_000) });
const importOptionsSchema = z.object({ preview: z.enum(["1"]).optional() });
/** `chapters`: EPUB chapter numbers, as repeated fields or one "1,3,4". */
const chapterListSchema = z
  .string()
  .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "chapters must be numbers separated by commas.")
  .transform((list) => [...new Set(list.split(",").map(Number))]);

/**
 * An article from a link (`{ url }`) or an uploaded `file`: 201 `{ slug, added, existing }`,
 * 200 `{ slug, duplicate }` when the story was already stored. `?preview=1` with an EPUB
 * lists its chapters and stores nothing.
 */
export const POST = handle(async (request: Request) => {
  const db = getDb();
  if (!isMultipart(request)) {
    const created = await importFromUrl(db, (await parseJson(request, byLinkSchema)).url);
    if (created.duplicate) return NextResponse.json({ slug: created.slug, duplicate: true });
    translateInBackground(created.id);
    return NextResponse.json({ slug: created.slug }, { status: 201 });
  }
  const { preview } = parseQuery(request, importOptionsSchema);
  const { file, form } = await uploadedForm(request);
  const bytes = Buffer.from(await file.arrayBuffer());
  if (preview) return NextResponse.json(await previewEpub(db, file.name, bytes));
  const listed = form.getAll("chapters").filter((v) => typeof v === "string" && v.trim() !== "");
  const chapters = listed.length > 0 ? parseInput(chapterListSchema, listed.join(",")) : undefined;
  const result = await importFromFile(db, file.name, bytes, { chapters });
  const [first] = result.added;
  if (result.added.length === 1 && first!.duplicate)
    return NextResponse.json({ slug: first!.slug, duplicate: true });
  for (const article of result.added) translateInBackground(article.id);
  return NextResponse.json(
    {
      slug: first!.slug,
      added: result.added.map(({ slug, title }) => ({ slug, title })),
      existing: result.existing,
    },
    { status: 201 },
  );
});
