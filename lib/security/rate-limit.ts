// Per-client limits on the costly or guessable requests (rate-limiter-flexible,
// in memory: one server process holds the counts).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../errors";
import { numberSetting } from "../settings";
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

// On globalThis: the proxy and the response cache (lib/cache/response-cache.ts)
// are bundled apart and must count the same requests.
const holder = globalThis as unknown as { dwibahasaLimiters?: Map<LimitBucket, RateLimiterMemory> };
const limiters = (holder.dwibahasaLimiters ??= new Map<LimitBucket, RateLimiterMemory>());

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
 * The socket's address, when the app runs under scripts/serve.mjs (`npm start`):
 * that server writes it into the header it names in DWIBAHASA_PEER_HEADER,
 * over anything a client sent under that name.
 */
function peerAddress(request: Request): string | null {
  const header = process.env.DWIBAHASA_PEER_HEADER;
  return (header && request.headers.get(header)?.trim()) || null;
}

/**
 * The address a request came from. X-Forwarded-For is any client's to write, so
 * it counts only with TRUST_PROXY=n, the number of proxies in front of the app:
 * each appends the address it saw, and the client is the address the farthest
 * trusted one saw (n entries from the end, counting the socket). Otherwise it
 * is the socket's address; "unknown" (one count for everyone) when the app runs
 * under a server that does not tell it (`next dev`).
 */
export function clientAddress(
  request: Request,
  proxies: number = numberSetting("TRUST_PROXY", 0),
): string {
  const peer = peerAddress(request);
  if (proxies > 0) {
    const forwarded = (request.headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    const chain = peer ? [...forwarded, peer] : forwarded;
    const client = chain[Math.max(0, chain.length - 1 - proxies)];
    if (client) return client;
  }
  return peer ?? "unknown";
}

/** Who is asking, for the limits: the address (clientAddress). */
export function clientKey(request: Request): string {
  return `ip:${clientAddress(request)}`;
}
