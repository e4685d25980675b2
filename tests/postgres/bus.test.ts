import { afterAll, describe, expect, it } from "vitest";
import { PostgresBus } from "@/lib/cache/postgres-bus";
import { TaggedCache } from "@/lib/cache/tagged-cache";
import { freshPostgresUrl } from "../helpers/db";

const buses: PostgresBus[] = [];
afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
});

async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("cache invalidation between app servers (LISTEN/NOTIFY)", () => {
  it("drops on one server what another server changed", async () => {
    const url = freshPostgresUrl();
    const one = new PostgresBus(url);
    const two = new PostgresBus(url);
    buses.push(one, two);
    await Promise.all([one.ready, two.ready]);
    // Server two caches an article view; server one saves a correction in it.
    const cache = new TaggedCache<string>(100, two);
    let reads = 0;
    const read = () =>
      cache.get("article:a", async () => ({ value: `version ${++reads}`, tags: ["article:a"] }));
    expect(await read()).toBe("version 1");
    expect(await read()).toBe("version 1");
    const heardOnOne: string[] = [];
    one.subscribe((tags) => heardOnOne.push(...tags));
    one.publish(["article:a", "segment:7"]);
    // The writer's own caches hear it at once, the other server's as the notification arrives.
    expect(heardOnOne).toEqual(["article:a", "segment:7"]);
    await eventually(() => cache.size === 0);
    expect(await read()).toBe("version 2");
    // An unrelated change leaves the cached view alone.
    one.publish(["article:b"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await read()).toBe("version 2");
  }, 30_000);
});
