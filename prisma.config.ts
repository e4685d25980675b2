import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { MigratePg } from "./lib/db/migrate-adapter";
import { databaseUrl, ensureDatabaseDir, providerOf } from "./lib/db/url";

// DATABASE_URL decides the provider: its schema (the PostgreSQL one is generated
// from prisma/schema.prisma), its migrations and its driver adapter.
const url = databaseUrl();
const postgres = providerOf(url) === "postgresql";
const folder = postgres ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () =>
    postgres
      ? new MigratePg({ connectionString: url })
      : new PrismaLibSQL({ url: ensureDatabaseDir(url) }),
});
