import type { z } from "zod";
import en from "../messages/en.json";

/** The message-file keys (apiErrors.*) an error can name; the type checker refuses any other. */
export type ErrorCode = Exclude<keyof (typeof en)["apiErrors"], "fields">;
export type ErrorParams = Record<string, string | number>;

/**
 * The one shape of every API error: `error` is the English text for API clients
 * and logs; `code` (with `params`) names the message in messages/*.json
 * (apiErrors.*) that the interface shows in the reader's language. Some errors
 * add fields of their own (`rejected` rows, the `current` revision of a conflict).
 */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
  params: ErrorParams;
  [extra: string]: unknown;
}

/**
 * Errors the domain raises on purpose. Route handlers turn them into JSON
 * responses (see lib/http.ts); anything else is a 500 without a stack trace.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** Fields added to the response body beside error, code and params. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return { error: this.message, code: this.code, params: this.params, ...this.extra };
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, code: ErrorCode = "notFound", params?: ErrorParams) {
    super(message, 404, code, params);
  }
}

/** Bad input (422). Input checked by a schema goes through `parseInput` in lib/http.ts. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    code: ErrorCode,
    params?: ErrorParams,
    extra?: Record<string, unknown>,
  ) {
    super(message, 422, code, params, extra);
  }
}

export class ConflictError extends DomainError {
  constructor(
    message: string,
    code: ErrorCode,
    params?: ErrorParams,
    extra?: Record<string, unknown>,
  ) {
    super(message, 409, code, params, extra);
  }
}

/** Refused on purpose (403): a cross-site write, a wrong content type, a role without the right. */
export class ForbiddenError extends DomainError {
  constructor(message: string, code: ErrorCode, params?: ErrorParams) {
    super(message, 403, code, params);
  }
}

/** Over a rate limit (429); `retryAfter` seconds go out as the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfter: number) {
    super(`Too many requests; try again in ${retryAfter} seconds.`, 429, "rateLimited", {
      seconds: retryAfter,
    });
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && value !== "fields" && Object.hasOwn(en.apiErrors, value);
}

/**
 * Validates input against a schema: the one path by which a request's body,
 * query or form becomes trusted data. A failure is a 422 whose code follows
 * from the first problem (a schema may name its own: `params: { code }`).
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  const { code, params } = issue
    ? describeIssue(issue, input)
    : { code: "invalidInput" as const, params: {} };
  throw new ValidationError(`${where}${issue?.message ?? "Invalid input."}`, code, params);
}

/** The message-file code for a validation failure. */
function describeIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
): { code: ErrorCode; params: ErrorParams } {
  const field = String(issue.path[0] ?? "input");
  if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined)
    return { code: "fieldMissing", params: { field } };
  const named = issue.code === "custom" ? (issue.params as ErrorParams | undefined) : undefined;
  const { code: namedCode, ...namedParams } = named ?? {};
  if (isErrorCode(namedCode)) return { code: namedCode, params: { field, ...namedParams } };
  if (issue.code === "too_small") return { code: "fieldEmpty", params: { field } };
  if (issue.code === "too_big")
    return { code: "fieldTooLong", params: { field, maximum: Number(issue.maximum) } };
  return { code: "fieldInvalid", params: { field } };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What the server answers for a failure it did not expect (500). */
export const INTERNAL_ERROR: ErrorBody = {
  error: "Internal error. The server log has the details.",
  code: "server",
  params: {},
};
