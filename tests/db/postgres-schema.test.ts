// prisma/schema.prisma is the one schema people edit; the PostgreSQL schema is
// generated from it and every migration exists for both providers.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSchema } from "../../scripts/db/postgres-schema.mjs";

const folders = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe("the PostgreSQL schema", () => {
  it("is the one generated from prisma/schema.prisma (run npm run db:generate)", () => {
    const generated = postgresSchema(fs.readFileSync("prisma/schema.prisma", "utf8"));
    expect(fs.readFileSync("prisma/postgresql/schema.prisma", "utf8")).toBe(generated);
    expect(generated).toContain('provider = "postgresql"');
    expect(generated).not.toContain('"sqlite"');
  });

  it("has a migration for every SQLite migration, with the same name (npm run db:new-migration writes both)", () => {
    const sqlite = folders("prisma/migrations");
    const postgres = folders("prisma/postgresql/migrations");
    expect(sqlite.length).toBeGreaterThan(2);
    expect(postgres).toEqual(sqlite);
    for (const name of postgres)
      expect(
        fs.statSync(path.join("prisma/postgresql/migrations", name, "migration.sql")).size,
      ).toBeGreaterThan(0);
  });
});
