import { NextResponse } from "next/server";
import { copyCookies, signIn, signInInputSchema, signOut } from "@/lib/auth/sign-in";
import { handle, parseJson, userOf } from "@/lib/http";
import { authMode } from "@/lib/security/exposure";

export const dynamic = "force-dynamic";

/** Who is signed in: `{ mode, user: { id, name, email, role } | null }`. */
export const GET = handle(async (request: Request) => {
  return NextResponse.json({ mode: authMode(), user: userOf(request) });
});

/** `{ email, password }` → 200 with the session cookie; 401 when wrong; 429 after repeated failures. */
export const POST = handle(async (request: Request) => {
  const signedIn = await signIn(request, await parseJson(request, signInInputSchema));
  const { user } = (await signedIn.clone().json()) as {
    user: { id: string; name: string; email: string; role?: string };
  };
  const { id, name, email, role } = user;
  return copyCookies(signedIn, NextResponse.json({ user: { id, name, email, role } }));
});

/** Signs out: the session ends and its cookie is cleared. */
export const DELETE = handle(async (request: Request) => {
  return copyCookies(await signOut(request), new Response(null, { status: 204 }));
});
