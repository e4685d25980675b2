// The migration that turned free-text columns into enums must keep every row of
// a library made before it: rows are written with the migrations up to it, then
// the rest are applied and the values read back.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { admin, databaseUrlOn, quoteIdent } from "../../scripts/db/postgres-server.mjs";

const server = process.env.DWIBAHASA_TEST_POSTGRES_SERVER!;
const prefix = process.env.DWIBAHASA_TEST_POSTGRES_PREFIX!;
const folder = path.resolve("prisma/postgresql/migrations");
const migrations = fs
  .readdirSync(folder)
  .filter((name) => fs.existsSync(path.join(folder, name, "migration.sql")))
  .sort();
const enums = migrations.findIndex((name) => name.endsWith("_enums"));

async function apply(client: pg.Client, names: string[]) {
  for (const name of names)
    await client.query(fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8"));
}

describe("the enum migration", () => {
  const clients: pg.Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  it("keeps every revision's origin and event and every entry's category and origin", async () => {
    expect(enums).toBeGreaterThan(0);
    const name = `${prefix}enum_rows`;
    await admin(server, [`CREATE DATABASE ${quoteIdent(name)}`]);
    const client = new pg.Client({ connectionString: databaseUrlOn(server, name) });
    clients.push(client);
    await client.connect();
    await apply(client, migrations.slice(0, enums));

    await client.query(
      `INSERT INTO "Article" ("slug", "title", "contentHash", "updatedAt") VALUES ('a', 'A', 'h', now())`,
    );
    await client.query(
      `INSERT INTO "Segment" ("articleId", "paragraphIndex", "index", "position", "source", "sourceKey")
       SELECT "id", 0, 0, 0, 'Kim tiba.', 'kim tiba.' FROM "Article"`,
    );
    const revisions = [
      ["machine", "translate"],
      ["human", "edit"],
      ["human", "revert"],
      ["machine", "review"],
      ["memory", "memory"],
    ];
    for (const [origin, event] of revisions)
      await client.query(
        `INSERT INTO "Revision" ("segmentId", "origin", "event", "text")
         SELECT "id", $1, $2, 'Kim arrives.' FROM "Segment"`,
        [origin, event],
      );
    const entries = [
      ["KCNA", "acronym", "seed"],
      ["Pyongyang", "place", "user"],
      ["Politbiro", "organization", "seed"],
      ["Kim Jong Un", "person", "user"],
      ["Presiden", "title", "seed"],
      ["uji coba", "phrase", "user"],
    ];
    for (const [term, category, origin] of entries)
      await client.query(
        `INSERT INTO "GlossaryEntry" ("term", "termKey", "translation", "category", "origin", "updatedAt")
         VALUES ($1, $1, $1, $2, $3, now())`,
        [term, category, origin],
      );

    await apply(client, migrations.slice(enums));

    const revisionRows = await client.query(
      `SELECT "origin"::text AS origin, "event"::text AS event, pg_typeof("origin")::text AS type
       FROM "Revision" ORDER BY "id"`,
    );
    expect(
      revisionRows.rows.map((r: { origin: string; event: string }) => [r.origin, r.event]),
    ).toEqual(revisions);
    expect(revisionRows.rows[0].type).toBe('"RevisionOrigin"');
    const entryRows = await client.query(
      `SELECT "term", "category"::text AS category, "origin"::text AS origin FROM "GlossaryEntry" ORDER BY "id"`,
    );
    expect(
      entryRows.rows.map((r: { term: string; category: string; origin: string }) => [
        r.term,
        r.category,
        r.origin,
      ]),
    ).toEqual(entries);
    // A value outside an enum is now refused by the database itself.
    await expect(
      client.query(`UPDATE "GlossaryEntry" SET "category" = 'planet' WHERE "term" = 'KCNA'`),
    ).rejects.toThrow(/invalid input value for enum/);
  }, 120_000);
});
