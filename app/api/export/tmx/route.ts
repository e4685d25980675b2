import { getDb } from "@/lib/db/client";
import { exportTmx } from "@/lib/export/library";
import { handle } from "@/lib/http";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  return new Response(await exportTmx(getDb(), packageJson.version), {
    headers: {
      "content-type": "application/x-tmx+xml; charset=utf-8",
      "content-disposition": 'attachment; filename="dwibahasa.tmx"',
    },
  });
});
