// The database client's types, apart from the client: lib/cache/changes.ts needs
// them and lib/db/client.ts needs changes.ts, so in client.ts they would make the
// two import each other.
import type { PrismaClient } from "./generated/client";

// Prisma generates one client per provider (lib/db/generated from
// prisma/schema.prisma, lib/db/generated-pg from the PostgreSQL schema generated
// from it). Both have the same models, so the code is typed against one of them,
// the SQLite client; client.ts checks that their rows agree.
export type { PrismaClient } from "./generated/client";
export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
