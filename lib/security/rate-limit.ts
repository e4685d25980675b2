// Per-client limits on the costly or guessable requests (rate-limiter-flexible,
// in memory: one server process holds the counts).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../errors";
import type { LimitBucket } from "./routes";

/** Requests allowed per client in each window. */
export const LIMITS: Record<LimitBucket, { points: number; seconds: number }> = {
  // Each start or join of an article's translation.
  translate: { points: 30, seconds: 60 },
  // Glossary and translation-memory files.
  import: { points: 10, seconds: 60 },
  search: { points: 120, seconds: 60 },
  // Failed sign-ins per address and per account, against password guessing.
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

/** Counts one request of a client; a TooManyRequestsError once the client is over its limit. */
export async function consume(
  bucket: LimitBucket,
  client: string,
): Promise<TooManyRequestsError | null> {
  try {
    await limiter(bucket).consume(client);
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes)
      return new TooManyRequestsError(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
    throw result;
  }
}

/** Counts one failure (a wrong password) against each key; the error once any of them is over its limit. */
export async function countFailure(bucket: LimitBucket, keys: string[]): Promise<void> {
  for (const key of keys) await consume(bucket, key);
}

/** A TooManyRequestsError when any of the keys has used up its failures, without counting. */
export async function refuseWhenBlocked(
  bucket: LimitBucket,
  keys: string[],
): Promise<TooManyRequestsError | null> {
  const { points } = LIMITS[bucket];
  for (const key of keys) {
    const state = await limiter(bucket).get(key);
    if (state && state.consumedPoints >= points)
      return new TooManyRequestsError(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
  }
  return null;
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
