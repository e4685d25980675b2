import { NextResponse } from "next/server";
import { z } from "zod";
import { authorIdOf, authorize, type SignedIn } from "./auth/session";
import {
  DomainError,
  INTERNAL_ERROR,
  NotFoundError,
  parseInput,
  TooManyRequestsError,
  ValidationError,
} from "./errors";

export { parseInput };

/** Reads a JSON body and validates it; bad JSON or bad fields become a 422. */
export async function parseJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ValidationError("The request body is not valid JSON.", "bodyNotJson");
  }
  return parseInput(schema, body);
}

/** The largest file a request may upload (glossaries, translation memories). */
export const MAX_UPLOAD_BYTES = 5_000_000;

const uploadedTextSchema = z.object({
  content: z
    .string()
    .min(1, "The file is empty.")
    .max(MAX_UPLOAD_BYTES, "The file is larger than 5 MB."),
});

/** Whether the request is a multipart form (a file upload). */
export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .startsWith("multipart/form-data");
}

/** The `file` field of a multipart form, at most 5 MB, and the form's other fields; anything else is a 422. */
export async function uploadedForm(request: Request): Promise<{ file: File; form: FormData }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ValidationError("The form data cannot be read.", "uploadUnreadable");
  }
  const file = form.get("file");
  if (!(file instanceof File))
    throw new ValidationError('The form has no file field named "file".', "uploadNoFile");
  if (file.size > MAX_UPLOAD_BYTES)
    throw new ValidationError("The file is larger than 5 MB.", "uploadTooLarge");
  return { file, form };
}

/** The `file` field of a multipart form, at most 5 MB; anything else is a 422. */
export async function uploadedFile(request: Request): Promise<File> {
  return (await uploadedForm(request)).file;
}

/**
 * Reads an uploaded file's text: a `file` field of a multipart form (what a
 * browser form or `curl -F file=@…` sends), or `{ content }` in a JSON body.
 */
export async function parseUpload(request: Request): Promise<string> {
  if (!isMultipart(request)) return (await parseJson(request, uploadedTextSchema)).content;
  const file = await uploadedFile(request);
  return parseInput(uploadedTextSchema, { content: await file.text() }).content;
}

/** The first value of a page's search parameter (a repeated one arrives as an array). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The same, with an empty value taken as missing (a form's blank field). */
export function filledParam(value: string | string[] | undefined): string | undefined {
  return firstParam(value) || undefined;
}

/** Validates the query string (`?a=1&b=2` as `{ a: "1", b: "2" }`; empty values count as absent). */
export function parseQuery<T>(request: Request | URLSearchParams, schema: z.ZodType<T>): T {
  const params = request instanceof URLSearchParams ? request : new URL(request.url).searchParams;
  const entries = [...params].filter(([, value]) => value !== "");
  return parseInput(schema, Object.fromEntries(entries));
}

/** Parses a numeric route parameter; anything else is an unknown id (404). */
export function parseId(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new NotFoundError(`No ${what} with id "${raw}".`);
  }
  return id;
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof DomainError) {
    const response = NextResponse.json(error.toBody(), { status: error.status });
    if (error instanceof TooManyRequestsError)
      response.headers.set("Retry-After", String(error.retryAfter));
    return response;
  }
  console.error(error);
  return NextResponse.json(INTERNAL_ERROR, { status: 500 });
}

const users = new WeakMap<Request, SignedIn | null>();

/** Who sent a request that went through `handle` (the local user without accounts). */
export function userOf(request: Request): SignedIn | null {
  return users.get(request) ?? null;
}

/** The author a change made by this request records: the signed-in user, null without accounts. */
export function authorOf(request: Request): string | null {
  return authorIdOf(userOf(request));
}

/**
 * Wraps a route handler: the route table's role check first (lib/security/routes.ts),
 * then every failure is a JSON error, never a stack trace.
 */
export function handle<C>(
  fn: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      users.set(request, await authorize(request));
      return await fn(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
