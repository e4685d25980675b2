import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { occurrences } from "@/lib/glossary/usage";
import { handle, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(
  async (_request: Request, { params }: RouteContext<"/api/glossary/[id]/occurrences">) => {
    return NextResponse.json(
      await occurrences(getDb(), parseId((await params).id, "glossary entry")),
    );
  },
);
