import { NextResponse } from "next/server";
import { getDb, isDbReachable } from "@/lib/db/client";
import { defaultEngine, getEngine } from "@/lib/translation/engines";
import { pendingWork } from "@/lib/translation/progress";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = getDb();
  const db = (await isDbReachable(database)) ? "ok" : "error";
  const model = (db === "ok" ? await defaultEngine(database) : getEngine()).status();
  // What is left to translate: articles and sentences without a translation yet.
  const queue = db === "ok" ? await pendingWork(database) : null;
  return NextResponse.json(
    { status: db === "ok" ? "ok" : "degraded", db, model, queue },
    { status: db === "ok" ? 200 : 503 },
  );
}
