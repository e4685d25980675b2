import { NextResponse } from "next/server";
import { addUser, listUsers, newUserInputSchema } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { handle, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async () => NextResponse.json(await listUsers(getDb())));

/** `{ email, password, name?, role? }` → 201 with the account. */
export const POST = handle(async (request: Request) => {
  const user = await addUser(getDb(), await parseJson(request, newUserInputSchema));
  return NextResponse.json(user, { status: 201 });
});
