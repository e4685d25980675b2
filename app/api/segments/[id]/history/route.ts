import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle, parseId } from "@/lib/http";
import { getHistory } from "@/lib/revisions/history";

export const dynamic = "force-dynamic";

export const GET = handle(
  async (_request: Request, { params }: RouteContext<"/api/segments/[id]/history">) => {
    const id = parseId((await params).id, "segment");
    return NextResponse.json(await getHistory(getDb(), id));
  },
);
