// Every SQLite connection the app opens reads in WAL mode and waits for a busy
// writer: libSQL opens a fresh connection after each transaction, so the
// settings are checked on the first connection and on the ones that follow.
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, SQLITE_BUSY_TIMEOUT_MS, type Db } from "@/lib/db/client";
import { freshSqliteUrl } from "../helpers/db";

const clients: Db[] = [];
afterAll(async () => Promise.all(clients.map((c) => c.$disconnect())));

async function pragma(db: Db, name: string): Promise<unknown> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Object.values(rows[0] ?? {})[0];
}

describe("SQLite connections", () => {
  it("use WAL and a busy timeout, also on the connections opened after transactions", async () => {
    const db = createDb(freshSqliteUrl());
    clients.push(db);
    expect(await pragma(db, "journal_mode")).toBe("wal");
    expect(Number(await pragma(db, "busy_timeout"))).toBe(SQLITE_BUSY_TIMEOUT_MS);
    for (let i = 0; i < 3; i++) {
      const inside = await db.$transaction(async (tx) => {
        await tx.dismissedSuggestion.create({ data: { key: `k${i}`, text: `t${i}` } });
        return Number(await pragma(tx as unknown as Db, "busy_timeout"));
      });
      expect(inside).toBe(SQLITE_BUSY_TIMEOUT_MS);
      expect(await pragma(db, "journal_mode")).toBe("wal");
      expect(Number(await pragma(db, "busy_timeout"))).toBe(SQLITE_BUSY_TIMEOUT_MS);
    }
    expect(await db.dismissedSuggestion.count()).toBe(3);
  });

  it("let the app read while another process holds the write lock", async () => {
    const url = freshSqliteUrl();
    const app = createDb(url);
    clients.push(app);
    expect(await app.dismissedSuggestion.count()).toBe(0);
    // Another process (an import, a second server) in the middle of a write.
    const other = createClient({ url });
    try {
      await other.execute("BEGIN EXCLUSIVE");
      await other.execute(
        "INSERT INTO DismissedSuggestion (key, text, createdAt) VALUES ('k', 't', CURRENT_TIMESTAMP)",
      );
      // In rollback-journal mode this read would fail against the writer's lock (SQLITE_BUSY).
      expect(await app.dismissedSuggestion.count()).toBe(0);
      await other.execute("COMMIT");
      expect(await app.dismissedSuggestion.count()).toBe(1);
    } finally {
      other.close();
    }
  });
});
