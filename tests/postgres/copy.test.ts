// npm run db:copy: a SQLite library into PostgreSQL and back, losslessly.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { importArticles } from "@/lib/content/import";
import { createDb } from "@/lib/db/client";
import { copyLibrary, libraryChecksums } from "@/lib/db/copy";
import { deleteEntry } from "@/lib/glossary/write";
import { importGlossaryFile } from "@/lib/glossary/seed";
import { dismissSuggestion } from "@/lib/glossary/suggestions";
import { appendRevision } from "@/lib/revisions/store";
import { searchLibrary } from "@/lib/search/query";
import { freshPostgresUrl, testDir } from "../helpers/db";

async function migratedSqlite(name: string): Promise<string> {
  const url = `file:${path.join(testDir(), `${name}-${process.pid}-${Date.now()}.db`)}`;
  await promisify(execFile)(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"],
    { env: { ...process.env, DATABASE_URL: url } },
  );
  return url;
}

describe("copying a library", () => {
  it("copies SQLite into PostgreSQL and back with every row, id, revision and deletion", async () => {
    const source = createDb(await migratedSqlite("copy-source"));
    await importArticles(source, path.resolve("content"));
    await importGlossaryFile(source, path.resolve("content/glossary.csv"));
    const segments = await source.segment.findMany({ take: 3, orderBy: { id: "asc" } });
    for (const s of segments) {
      const machine = await source.$transaction((tx) =>
        appendRevision(tx, {
          segmentId: s.id,
          baseRevisionId: null,
          origin: "machine",
          event: "translate",
          text: "Kim visits Russia.",
          modelId: "m",
        }),
      );
      await source.$transaction((tx) =>
        appendRevision(tx, {
          segmentId: s.id,
          baseRevisionId: machine.id,
          origin: "human",
          event: "edit",
          text: "Kim travelled to Russia.",
        }),
      );
    }
    const entry = await source.glossaryEntry.findFirstOrThrow();
    await deleteEntry(source, entry.id);
    await dismissSuggestion(source, "Pyongyang");

    const pg = createDb(freshPostgresUrl());
    const there = await copyLibrary(source, pg);
    expect(there.identical).toBe(true);
    expect(there.target.find((t) => t.model === "Revision")?.count).toBe(6);
    const segment = await pg.segment.findUniqueOrThrow({
      where: { id: segments[0]!.id },
      include: { currentRevision: true },
    });
    expect(segment.currentRevision?.text).toBe("Kim travelled to Russia.");
    expect(
      (await pg.glossaryEntry.findUniqueOrThrow({ where: { id: entry.id } })).deletedAt,
    ).not.toBeNull();
    // The search index was rebuilt on the target, and new rows get new ids.
    const found = await searchLibrary(pg, "travel", "en");
    expect(found.articles.flatMap((a) => a.hits)).toHaveLength(3);
    const added = await pg.dismissedSuggestion.create({ data: { key: "x", text: "x" } });
    expect(added.id).toBeGreaterThan(1);
    await pg.dismissedSuggestion.delete({ where: { id: added.id } });

    // Into a non-empty database: refused, nothing changed.
    await expect(copyLibrary(source, pg)).rejects.toThrow(/empty/);

    const back = createDb(await migratedSqlite("copy-back"));
    const report = await copyLibrary(pg, back);
    expect(report.identical).toBe(true);
    expect(await libraryChecksums(back)).toEqual(await libraryChecksums(source));
    await Promise.all([source.$disconnect(), pg.$disconnect(), back.$disconnect()]);
  }, 240_000);
});
