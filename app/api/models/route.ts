import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle } from "@/lib/http";
import { modelSummaries } from "@/lib/translation/models/summary";

export const dynamic = "force-dynamic";

/** The installed models, with size, licence, speed here and how corrections judge each. */
export const GET = handle(async () => NextResponse.json(await modelSummaries(getDb())));
