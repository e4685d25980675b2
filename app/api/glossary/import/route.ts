import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { glossaryUploadSchema } from "@/lib/glossary/api";
import { importGlossaryUpload } from "@/lib/glossary/transfer";
import { authorOf, handle, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `{ format: "csv" | "tbx", content }`: all rows are imported, or none (422 with the rejected rows). */
export const POST = handle(async (request: Request) => {
  const { format, content } = await parseJson(request, glossaryUploadSchema);
  return NextResponse.json(await importGlossaryUpload(getDb(), content, format, authorOf(request)));
});
