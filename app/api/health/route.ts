import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { getEngine } from "@/lib/translation/engine";

export const dynamic = "force-dynamic";

export async function GET() {
  let db: "ok" | "error" = "ok";
  try {
    await getDb().$queryRaw`SELECT 1`;
  } catch {
    db = "error";
  }
  const model = getEngine().status();
  return NextResponse.json(
    { status: db === "ok" ? "ok" : "degraded", db, model },
    { status: db === "ok" ? 200 : 503 },
  );
}
