import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma as SqlitePrisma } from "./generated/client";
import {
  PrismaClient as PostgresPrismaClient,
  type Prisma as PostgresPrisma,
} from "./generated-pg/client";
import { trackTransactions } from "../cache/changes";
import { noteDatabaseRead } from "../cache/response-scope";
import { numberSetting } from "../settings";
import type { Tx } from "./types";
import { databaseUrl, providerOf, type Provider } from "./url";

// The code is typed against the SQLite client (lib/db/types.ts); the assignment in
// createDb is checked by the type checker, and tests/db/postgres-schema.test.ts keeps
// the two schemas equal.
export type { Db, PrismaClient, Tx } from "./types";

// One client per process: Next.js reloads modules in development and would
// otherwise open a new connection on every change.
const globalForDb = globalThis as unknown as { dwibahasaDb?: PrismaClient };

/** Connections per process (DATABASE_POOL_SIZE, default 10: what pg uses). */
const POOL_SIZE = numberSetting("DATABASE_POOL_SIZE", 10);

/** How long a SQLite connection waits for another one's write lock before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * libSQL opens a new connection for the client after every transaction (the
 * old one goes with the transaction), so the per-connection settings are
 * applied to each connection as it is opened. WAL lets readers go on while a
 * writer (another process, an import) holds the write lock; the busy timeout
 * makes a second writer wait instead of failing at once. WAL is stored in the
 * database file, the timeout is not.
 */
class SqliteAdapter extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    // The local client runs statements synchronously inside execute(), so the
    // settings are on the connection before any other statement reaches it.
    const configure = () => {
      for (const sql of [
        "PRAGMA journal_mode = WAL",
        `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
      ])
        void client.execute(sql).catch(() => undefined);
    };
    configure();
    const transaction = client.transaction.bind(client);
    client.transaction = (mode?: TransactionMode) => {
      const started = transaction(mode);
      configure();
      return started;
    };
    return client;
  }
}

export function createDb(url: string = databaseUrl()): PrismaClient {
  if (providerOf(url) === "sqlite")
    return trackTransactions(
      noticed(new PrismaClient({ adapter: new SqliteAdapter({ url }) })) as PrismaClient,
    );
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // A connection that breaks while idle (the server restarted) is reported by the pool;
  // unheard, that report would end the process. The next query opens a new connection.
  pool.on("error", (error) =>
    console.error(`Database connection lost (${error.message}); reconnecting on the next query.`),
  );
  const client = new PostgresPrismaClient({
    adapter: new PrismaPg(pool),
    // Transactions wait for one of the pool's connections: under a burst of
    // saves on a busy machine (the API tests send 50 at once) that can take far
    // longer than Prisma's 2 s, and a refused save would be a 500, not a 409.
    transactionOptions: { maxWait: 60_000, timeout: 60_000 },
  });
  // The model APIs are checked to match (below); the clients differ only in
  // what SQLite lacks (isolation levels other than Serializable), which the code does not use.
  return trackTransactions(noticed(client) as unknown as PrismaClient);
}

/**
 * Every query tells the response being made that it read the database
 * (lib/cache/response-scope.ts): a response made from reads that no tagged
 * cache covers is never stored and served again.
 */
function noticed<C extends PrismaClient | PostgresPrismaClient>(client: C) {
  return client.$extends({
    query: {
      $allOperations({ args, query }) {
        noteDatabaseRead();
        return query(args);
      },
    },
  });
}

// What rows look like (every model's scalar fields and relations) must be the
// same on both clients: this fails to type-check when the schemas drift apart.
type Rows<T extends { model: Record<string, { payload: { scalars: unknown } }> }> = {
  [M in keyof T["model"]]: T["model"][M]["payload"]["scalars"];
};
type SqliteRows = Rows<SqlitePrisma.TypeMap>;
type PostgresRows = Rows<PostgresPrisma.TypeMap>;
export const postgresRowsMatch: [SqliteRows, PostgresRows] extends [PostgresRows, SqliteRows]
  ? true
  : never = true;

/** The provider a client (or a transaction of one) talks to. */
export function providerOfDb(db: Pick<Tx, "$executeRaw">): Provider {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  if (provider !== "sqlite" && provider !== "postgresql")
    throw new Error(`Unknown database provider: ${String(provider)}`);
  return provider;
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
