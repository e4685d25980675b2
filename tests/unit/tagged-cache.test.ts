import { describe, expect, it } from "vitest";
import { LocalBus } from "@/lib/cache/bus";
import { TaggedCache } from "@/lib/cache/tagged-cache";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("TaggedCache", () => {
  it("keeps a value until one of its tags is published", async () => {
    const bus = new LocalBus();
    const cache = new TaggedCache<number>(10, bus);
    let loads = 0;
    const load = (tags: string[]) => async () => ({ value: ++loads, tags });
    expect(await cache.get("a", load(["x", "y"]))).toBe(1);
    expect(await cache.get("b", load(["z"]))).toBe(2);
    expect(await cache.get("a", load(["x", "y"]))).toBe(1);
    bus.publish(["y"]);
    expect(await cache.get("a", load(["x", "y"]))).toBe(3);
    expect(await cache.get("b", load(["z"]))).toBe(2);
  });

  it("does not keep a load that was running when a write was published", async () => {
    const bus = new LocalBus();
    const cache = new TaggedCache<string>(10, bus);
    const slow = deferred<{ value: string; tags: string[] }>();
    const before = cache.get("a", () => slow.promise);
    // A write commits while the read is in flight; a read after it must not join the old one.
    bus.publish(["unrelated-or-not"]);
    const after = cache.get("a", async () => ({ value: "new", tags: ["a"] }));
    slow.resolve({ value: "old", tags: ["a"] });
    expect(await before).toBe("old");
    expect(await after).toBe("new");
    expect(await cache.get("a", async () => ({ value: "newer", tags: ["a"] }))).toBe("new");
  });

  it("forgets failed loads and drops the least recently used beyond its size", async () => {
    const bus = new LocalBus();
    const cache = new TaggedCache<number>(2, bus);
    await expect(cache.get("a", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await cache.get("a", async () => ({ value: 1, tags: [] }))).toBe(1);
    await cache.get("b", async () => ({ value: 2, tags: [] }));
    await cache.get("a", async () => ({ value: 9, tags: [] })); // a is now the most recent
    await cache.get("c", async () => ({ value: 3, tags: [] }));
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => ({ value: 9, tags: [] }))).toBe(1);
    expect(await cache.get("b", async () => ({ value: 20, tags: [] }))).toBe(20);
  });
});
