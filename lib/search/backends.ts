import { providerOfDb } from "../db/client";
import type { SearchBackend, Sql } from "./backend";
import { postgresBackend } from "./postgres";
import { sqliteBackend } from "./sqlite";

/** The search backend of the database behind a client or transaction. */
export function backendFor(db: Sql): SearchBackend {
  return providerOfDb(db) === "postgresql" ? postgresBackend : sqliteBackend;
}
