import { NextResponse } from "next/server";
import { getDb, isDbReachable } from "@/lib/db/client";
import { getEngine } from "@/lib/translation/engine";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = (await isDbReachable(getDb())) ? "ok" : "error";
  const model = getEngine().status();
  return NextResponse.json(
    { status: db === "ok" ? "ok" : "degraded", db, model },
    { status: db === "ok" ? 200 : 503 },
  );
}
