/**
 * Carries "this data changed" between the caches of the app. Writers publish
 * tags (`article:<slug>`, `segment:<id>`, `library`, `glossary`) once their
 * transaction has committed; every cache drops what carries one of them.
 *
 * The bus in use is in-process. Several app servers on one database need each
 * other's invalidations: a bus over the network (PostgreSQL LISTEN/NOTIFY, a
 * message broker) implementing this interface is installed with setBus, and
 * nothing else changes.
 */
/** The tag that drops everything (a bus that may have missed messages, after a reconnection). */
export const ALL_TAGS = "*";

export interface InvalidationBus {
  publish(tags: readonly string[]): void;
  /** Returns what unsubscribes. */
  subscribe(listener: (tags: readonly string[]) => void): () => void;
}

export class LocalBus implements InvalidationBus {
  private readonly listeners = new Set<(tags: readonly string[]) => void>();

  publish(tags: readonly string[]): void {
    if (tags.length === 0) return;
    for (const listener of this.listeners) listener(tags);
  }

  subscribe(listener: (tags: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

// On globalThis: Next.js bundles pages and route handlers separately, and a
// write through the API must reach the caches the pages read.
const holder = globalThis as unknown as { dwibahasaBus?: InvalidationBus };

export function getBus(): InvalidationBus {
  holder.dwibahasaBus ??= new LocalBus();
  return holder.dwibahasaBus;
}

/** Installs another bus (one that reaches other servers); caches created later subscribe to it. */
export function setBus(bus: InvalidationBus): void {
  holder.dwibahasaBus = bus;
}
