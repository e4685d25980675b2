import { NextResponse } from "next/server";
import type { z } from "zod";
import { DomainError, ValidationError } from "./errors";

/** Reads a JSON body and validates it; bad JSON or bad fields become a 422. */
export async function parseJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ValidationError("The request body is not valid JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new ValidationError(
      `${where}${issue?.message ?? "Invalid input."}`,
      issue ? describeIssue(issue) : undefined,
    );
  }
  return result.data;
}

/**
 * The message-file code for a validation failure: a schema may name one
 * (`params: { code }`); otherwise it follows from the kind of failure.
 */
function describeIssue(issue: z.core.$ZodIssue): {
  code: string;
  params: Record<string, string | number>;
} {
  const field = String(issue.path[0] ?? "input");
  const params =
    issue.code === "custom"
      ? (issue.params as Record<string, string | number> | undefined)
      : undefined;
  if (typeof params?.code === "string") return { code: params.code, params: { field, ...params } };
  if (issue.code === "too_small") return { code: "fieldEmpty", params: { field } };
  if (issue.code === "too_big")
    return { code: "fieldTooLong", params: { field, maximum: Number(issue.maximum) } };
  return { code: "fieldInvalid", params: { field } };
}

/** Parses a numeric route parameter; anything else is an unknown id (404). */
export function parseId(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new DomainError(`No ${what} with id "${raw}".`, 404);
  }
  return id;
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof DomainError) {
    return NextResponse.json({ error: error.message, ...error.details }, { status: error.status });
  }
  console.error(error);
  return NextResponse.json(
    { error: "Internal error. The server log has the details." },
    { status: 500 },
  );
}

/** Wraps a route handler so that every failure is a JSON error, never a stack trace. */
export function handle<C>(
  fn: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await fn(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
