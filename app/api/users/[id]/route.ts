import { NextResponse } from "next/server";
import { changeUser, userChangeSchema } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { handle, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `{ role?, disabled? }` → the account as changed. */
export const PATCH = handle(
  async (request: Request, { params }: RouteContext<"/api/users/[id]">) => {
    const change = await parseJson(request, userChangeSchema);
    return NextResponse.json(await changeUser(getDb(), (await params).id, change));
  },
);
