import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { importFromFile, importFromUrl } from "@/lib/extraction/import";
import { handle, MAX_UPLOAD_BYTES, parseJson } from "@/lib/http";
import { translateInBackground } from "@/lib/translation/service";

export const dynamic = "force-dynamic";

const byLink = z.object({ url: z.string().trim().min(1).max(2_000) });

/** An article from a link (`{ url }`) or an uploaded `file`: 201 `{ slug }`, 200 `{ slug, duplicate }` when already stored. */
export const POST = handle(async (request: Request) => {
  const type = request.headers.get("content-type") ?? "";
  let created;
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    let file: FormDataEntryValue | null;
    try {
      file = (await request.formData()).get("file");
    } catch {
      throw new ValidationError("The form data cannot be read.", "uploadUnreadable");
    }
    if (!(file instanceof File))
      throw new ValidationError('The form has no file field named "file".', "uploadNoFile");
    if (file.size > MAX_UPLOAD_BYTES)
      throw new ValidationError("The file is larger than 5 MB.", "uploadTooLarge");
    created = await importFromFile(getDb(), file.name, Buffer.from(await file.arrayBuffer()));
  } else {
    created = await importFromUrl(getDb(), (await parseJson(request, byLink)).url);
  }
  if (created.duplicate) return NextResponse.json({ slug: created.slug, duplicate: true });
  translateInBackground(created.id);
  return NextResponse.json({ slug: created.slug }, { status: 201 });
});
