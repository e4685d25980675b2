import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client";
import { databaseUrl } from "./url";

export type { PrismaClient } from "./generated/client";
export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process: Next.js reloads modules in development and would
// otherwise open a new connection on every change.
const globalForDb = globalThis as unknown as { dwibahasaDb?: PrismaClient };

export function createDb(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
}

/** Tests point the app at their own database. */
export function setDb(db: PrismaClient): void {
  globalForDb.dwibahasaDb = db;
}

/** Whether the database answers a query (for the health check). */
export async function isDbReachable(db: PrismaClient): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export function getDb(): PrismaClient {
  globalForDb.dwibahasaDb ??= createDb();
  return globalForDb.dwibahasaDb;
}
