/**
 * Errors the domain raises on purpose. Route handlers turn them into JSON
 * responses (see lib/http.ts); anything else is a 500 without a stack trace.
 * `details.code` (with `details.params`) names the message in the interface's
 * message files (apiErrors.*), so the screen shows it in the reader's language;
 * `message` is the English text for API clients and logs.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message, 404, { code: "notFound" });
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 422, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 409, details);
  }
}
