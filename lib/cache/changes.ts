import type { Db, Tx } from "../db/types";
import { getBus } from "./bus";

// Tags written inside a transaction, published when it commits (see
// trackTransactions): published earlier, a read between the publication and
// the commit would cache the old data again.
const pending = new WeakMap<object, Set<string>>();

/** Tags of the data a cache may hold. */
export const tags = {
  article: (slug: string) => `article:${slug}`,
  segment: (id: number) => `segment:${id}`,
  /** A sentence got a new revision (any article). */
  translations: "translations",
  /** Articles or sentences were added, changed or retired. */
  library: "library",
  glossary: "glossary",
  /** The default model changed (an admin's choice). */
  models: "models",
};

/**
 * Says that data changed: inside a transaction, once it commits; otherwise
 * (a write that committed on its own) at once.
 */
export function changed(db: Db | Tx, changedTags: readonly string[]): void {
  const inTransaction = pending.get(db);
  if (inTransaction) for (const tag of changedTags) inTransaction.add(tag);
  else getBus().publish(changedTags);
}

/**
 * Makes a client's interactive transactions publish the tags written in them
 * after they commit (nothing when they roll back). Called once per client, by createDb.
 */
export function trackTransactions<C extends { $transaction: Db["$transaction"] }>(client: C): C {
  const original = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const tracked = (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return original(arg, options);
    const written = new Set<string>();
    return original((tx: object) => {
      pending.set(tx, written);
      return (arg as (tx: object) => Promise<unknown>)(tx);
    }, options).then((result) => {
      getBus().publish([...written]);
      return result;
    });
  };
  client.$transaction = tracked as C["$transaction"];
  return client;
}
