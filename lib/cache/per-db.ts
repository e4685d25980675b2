import type { Db } from "../db/client";
import { TaggedCache } from "./tagged-cache";

// One cache per client and purpose (tests run several databases in one
// process); on globalThis because Next.js bundles pages and route handlers
// separately, and both must see one cache.
const caches = ((
  globalThis as unknown as { dwibahasaCaches?: Map<string, WeakMap<Db, TaggedCache<unknown>>> }
).dwibahasaCaches ??= new Map());

/** The named cache of a database client, made on first use. */
export function cacheFor<T>(name: string, db: Db, maxEntries?: number): TaggedCache<T> {
  let byDb = caches.get(name);
  if (!byDb) caches.set(name, (byDb = new WeakMap()));
  let cache = byDb.get(db);
  if (!cache) byDb.set(db, (cache = new TaggedCache<unknown>(maxEntries)));
  return cache as TaggedCache<T>;
}
