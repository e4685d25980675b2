import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { glossarySuggestions } from "@/lib/glossary/suggestions";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async () => NextResponse.json(await glossarySuggestions(getDb())));
