import { ALL_TAGS as tagsAll, getBus, type InvalidationBus } from "./bus";
import { noteCachedRead, runCachedLoad } from "./response-scope";

interface Slot<T> {
  value: Promise<T>;
  /** Null while loading: the tags are known once the data is read. */
  tags: readonly string[] | null;
}

/**
 * Values loaded from the database, each with the tags of the data it was
 * made from; a tag published on the bus drops every value that carries it.
 * Any invalidation also drops the loads still running (their tags are not
 * known yet): they may have read before the write, and a read that starts
 * after a write must never get what was read before it.
 */
export class TaggedCache<T> {
  private readonly slots = new Map<string, Slot<T>>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly loading = new Set<string>();

  constructor(
    private readonly maxEntries = 500,
    bus: InvalidationBus = getBus(),
  ) {
    bus.subscribe((tags) => this.invalidate(tags));
  }

  get(key: string, load: () => Promise<{ value: T; tags: readonly string[] }>): Promise<T> {
    const hit = this.hit(key);
    if (hit) return hit;
    const loaded = runCachedLoad(load);
    const slot: Slot<T> = { value: loaded.then((l) => l.value), tags: null };
    noteCachedRead(() => slot.tags);
    this.slots.set(key, slot);
    this.loading.add(key);
    loaded.then(
      ({ tags }) => {
        if (this.slots.get(key) !== slot) return; // invalidated while loading
        this.loading.delete(key);
        slot.tags = tags;
        this.index(key, tags);
        this.evict();
      },
      () => {
        if (this.slots.get(key) === slot) this.drop(key);
      },
    );
    return slot.value;
  }

  /**
   * Like get, for a value whose tags are known before it is read: only those
   * tags drop it, while it loads too (a long load is not dropped by every
   * unrelated write).
   */
  getTagged(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    const hit = this.hit(key);
    if (hit) return hit;
    const slot: Slot<T> = { value: runCachedLoad(load), tags };
    noteCachedRead(() => slot.tags);
    this.slots.set(key, slot);
    this.index(key, tags);
    slot.value.catch(() => {
      if (this.slots.get(key) === slot) this.drop(key);
    });
    this.evict();
    return slot.value;
  }

  private hit(key: string): Promise<T> | undefined {
    const hit = this.touch(key);
    if (!hit) return undefined;
    noteCachedRead(() => hit.tags);
    return hit.value;
  }

  /** The slot under key, moved to the end: least recently used goes first. */
  private touch(key: string): Slot<T> | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot;
  }

  private index(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  /** The value under key, if it is loaded; nothing is loaded and no read is recorded. */
  peek(key: string): Promise<T> | undefined {
    if (!this.slots.get(key)?.tags) return undefined;
    return this.touch(key)!.value;
  }

  /** Stores a value made elsewhere, with the tags of the data it was made from. */
  put(key: string, value: T, tags: readonly string[]): void {
    this.drop(key);
    void this.getTagged(key, tags, () => Promise.resolve(value));
  }

  invalidate(tags: readonly string[]): void {
    if (tags.includes(tagsAll)) {
      this.clear();
      return;
    }
    for (const key of this.loading) this.drop(key);
    for (const tag of tags) {
      for (const key of this.byTag.get(tag) ?? []) this.drop(key);
      this.byTag.delete(tag);
    }
  }

  /** Drops everything. */
  clear(): void {
    this.slots.clear();
    this.byTag.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.slots.size;
  }

  private drop(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.loading.delete(key);
    for (const tag of slot.tags ?? []) this.byTag.get(tag)?.delete(key);
  }

  private evict(): void {
    for (const key of this.slots.keys()) {
      if (this.slots.size <= this.maxEntries) return;
      if (!this.loading.has(key)) this.drop(key);
    }
  }
}
