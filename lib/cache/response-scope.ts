import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one response was made from, recorded while it is being made (see
 * lib/cache/response-cache.ts). A response may be stored and served again
 * only when everything it read is known: values from tagged caches (their
 * tags say when it goes stale) and values a check can compare later. One read
 * from the database outside a tagged cache, and the response is not stored.
 */
export interface ResponseScope {
  /** The tags of each tagged-cache value read; null while unknown (still loading, or dropped). */
  readonly tagSources: (() => readonly string[] | null)[];
  /** Checks that hold while what was read is unchanged. */
  readonly checks: (() => boolean)[];
  /** Why the response cannot be stored, once something makes it so. */
  unstorable: string | null;
}

interface Stores {
  scope: AsyncLocalStorage<ResponseScope>;
  /** Set inside a tagged cache's load: its reads are covered by the value's tags. */
  cachedLoad: AsyncLocalStorage<true>;
}

// On globalThis: the server (scripts/serve.mjs), the proxy, pages and route
// handlers are bundled separately, and all of them must see the same scope.
const holder = globalThis as unknown as { dwibahasaResponseScope?: Stores };
holder.dwibahasaResponseScope ??= {
  scope: new AsyncLocalStorage<ResponseScope>(),
  cachedLoad: new AsyncLocalStorage<true>(),
};
const stores = holder.dwibahasaResponseScope;

export function newResponseScope(): ResponseScope {
  return { tagSources: [], checks: [], unstorable: null };
}

/** Runs fn (the making of one response) with scope recording what it reads. */
export function recordReads<T>(scope: ResponseScope, fn: () => T): T {
  return stores.scope.run(scope, fn);
}

/** Runs a tagged cache's load: what it reads is the value's business, not the response's. */
export function runCachedLoad<T>(load: () => T): T {
  return stores.cachedLoad.run(true, load);
}

/** A tagged-cache value was read; its tags are asked for when the response is stored. */
export function noteCachedRead(tags: () => readonly string[] | null): void {
  stores.scope.getStore()?.tagSources.push(tags);
}

/** The database was read (or written): outside a tagged cache, the response cannot be stored. */
export function noteDatabaseRead(): void {
  const scope = stores.scope.getStore();
  if (scope && !scope.unstorable && !stores.cachedLoad.getStore())
    scope.unstorable = "read the database outside a tagged cache";
}

/**
 * A value read that no tag covers (the model's state, say): a stored response
 * is served again only while read() still returns the same text.
 */
export function noteVolatileRead(read: () => string): void {
  const scope = stores.scope.getStore();
  if (!scope) return;
  const seen = read();
  scope.checks.push(() => read() === seen);
}

/** The tags a finished response depends on, or null when one of its reads is not covered. */
export function scopeTags(scope: ResponseScope): string[] | null {
  const all = new Set<string>();
  for (const source of scope.tagSources) {
    const tags = source();
    if (!tags) return null;
    for (const tag of tags) all.add(tag);
  }
  return [...all];
}
