import { getDb } from "@/lib/db/client";
import { exportLibraryJson } from "@/lib/export/library";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  return new Response(JSON.stringify(await exportLibraryJson(getDb()), null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": 'attachment; filename="dwibahasa-library.json"',
    },
  });
});
