import { describe, expect, it } from "vitest";
import { withSetupLock } from "../../scripts/db/setup-lock.mjs";
import { freshPostgresUrl } from "../helpers/db";

describe("preparing a shared database (npm start on several app servers at once)", () => {
  it("lets one server at a time migrate and import; the others wait, then go on", async () => {
    const url = freshPostgresUrl();
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withSetupLock(url, async () => {
      events.push("first starts");
      await held;
      events.push("first ends");
    });
    await new Promise((r) => setTimeout(r, 300));
    const second = withSetupLock(url, () => events.push("second runs"), {
      onWait: () => events.push("second waits"),
    });
    await new Promise((r) => setTimeout(r, 300));
    // The second is still waiting while the first holds the lock.
    expect(events).toEqual(["first starts", "second waits"]);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["first starts", "second waits", "first ends", "second runs"]);
  });

  it("hands the lock on when the holder's work fails", async () => {
    const url = freshPostgresUrl();
    await expect(
      withSetupLock(url, () => {
        throw new Error("migration failed");
      }),
    ).rejects.toThrow("migration failed");
    let waited = false;
    expect(await withSetupLock(url, () => "done", { onWait: () => (waited = true) })).toBe("done");
    expect(waited).toBe(false);
  });

  it("takes no lock on SQLite (one machine's file)", async () => {
    expect(await withSetupLock("file:./tmp/never-opened.db", () => 42)).toBe(42);
  });
});
