import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { importFromFile, importFromUrl } from "@/lib/extraction/import";
import { handle, isMultipart, parseJson, uploadedFile } from "@/lib/http";
import { translateInBackground } from "@/lib/translation/service";

export const dynamic = "force-dynamic";

const byLink = z.object({ url: z.string().trim().min(1).max(2_000) });

/** An article from a link (`{ url }`) or an uploaded `file`: 201 `{ slug }`, 200 `{ slug, duplicate }` when already stored. */
export const POST = handle(async (request: Request) => {
  let created;
  if (isMultipart(request)) {
    const file = await uploadedFile(request);
    created = await importFromFile(getDb(), file.name, Buffer.from(await file.arrayBuffer()));
  } else {
    created = await importFromUrl(getDb(), (await parseJson(request, byLink)).url);
  }
  if (created.duplicate) return NextResponse.json({ slug: created.slug, duplicate: true });
  translateInBackground(created.id);
  return NextResponse.json({ slug: created.slug }, { status: 201 });
});
