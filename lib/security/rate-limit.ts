// Per-client limits on the costly or guessable requests (rate-limiter-flexible,
// in memory: one server process holds the counts).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../errors";
import type { LimitBucket } from "./routes";

/** Requests allowed per client in each window. */
export const LIMITS: Record<LimitBucket, { points: number; seconds: number }> = {
  // Each start or join of an article's translation.
  translate: { points: 30, seconds: 60 },
  // Glossary and translation-memory files.
  import: { points: 10, seconds: 60 },
  search: { points: 120, seconds: 60 },
  // Attempts to sign in (failed or not), against password guessing.
  signIn: { points: 10, seconds: 300 },
};

const limiters = new Map<LimitBucket, RateLimiterMemory>();

function limiter(bucket: LimitBucket): RateLimiterMemory {
  let found = limiters.get(bucket);
  if (!found) {
    const { points, seconds } = LIMITS[bucket];
    found = new RateLimiterMemory({ keyPrefix: bucket, points, duration: seconds });
    limiters.set(bucket, found);
  }
  return found;
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfter: number) {
    super(`Too many requests; try again in ${retryAfter} seconds.`, 429, "rateLimited", {
      seconds: retryAfter,
    });
  }
}

/** Counts one request of a client; a RateLimitedError once the client is over its limit. */
export async function consume(
  bucket: LimitBucket,
  client: string,
): Promise<RateLimitedError | null> {
  try {
    await limiter(bucket).consume(client);
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes)
      return new RateLimitedError(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
    throw result;
  }
}

/**
 * Who is asking: the address the server saw (Next.js passes it as the first
 * x-forwarded-for entry). Signed-in clients are counted by account instead.
 */
export function clientKey(request: Request, userId?: string): string {
  if (userId) return `user:${userId}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `ip:${forwarded || request.headers.get("x-real-ip") || "local"}`;
}
