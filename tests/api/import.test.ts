import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { importArticles } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { freshDb, testDir } from "../helpers/db";

let db: Db;
let dir: string;

beforeEach(() => {
  db = freshDb().db;
  dir = fs.mkdtempSync(path.join(testDir(), "content-"));
  for (const file of fs.readdirSync("content").filter((f) => f.endsWith(".md"))) {
    fs.copyFileSync(path.join("content", file), path.join(dir, file));
  }
});

async function snapshot() {
  const segments = await db.segment.findMany({
    orderBy: { id: "asc" },
    select: { id: true, source: true, removedAt: true, position: true },
  });
  const articles = await db.article.findMany({
    orderBy: { id: "asc" },
    select: { slug: true, updatedAt: true, contentHash: true },
  });
  return { segments, articles };
}

describe("importArticles", () => {
  it("imports every seed article, and a second run changes nothing", async () => {
    const first = await importArticles(db, dir);
    expect(first.created).toHaveLength(5);
    expect(first.failed).toEqual([]);
    const before = await snapshot();
    const second = await importArticles(db, dir);
    expect(second).toEqual({ created: [], updated: [], unchanged: first.created, failed: [] });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the segments and translations of unchanged sentences when a file is edited", async () => {
    await importArticles(db, dir);
    const article = await db.article.findUniqueOrThrow({
      where: { slug: "004_ab1981a0cdc0efb4" },
      include: { segments: { orderBy: { position: "asc" } } },
    });
    const kept = article.segments[1]!;
    const changed = article.segments[2]!;
    const revision = await db.revision.create({
      data: { segmentId: kept.id, origin: "human", event: "edit", text: "Kept translation." },
    });
    await db.segment.update({ where: { id: kept.id }, data: { currentRevisionId: revision.id } });
    const changedRevision = await db.revision.create({
      data: {
        segmentId: changed.id,
        origin: "human",
        event: "edit",
        text: "Old sentence's translation.",
      },
    });

    const file = path.join(dir, "004_ab1981a0cdc0efb4.md");
    const raw = fs.readFileSync(file, "utf8");
    expect(raw).toContain(changed.source.slice(0, 40));
    fs.writeFileSync(
      file,
      raw.replace(
        changed.source.slice(0, 40),
        "Sebuah kalimat baru yang menggantikan bagian lama ini",
      ),
    );

    const report = await importArticles(db, dir);
    expect(report.updated).toEqual(["004_ab1981a0cdc0efb4"]);
    const after = await db.segment.findMany({
      where: { articleId: article.id },
      orderBy: { id: "asc" },
    });
    const keptAfter = after.find((s) => s.id === kept.id);
    expect(keptAfter?.removedAt).toBeNull();
    expect(keptAfter?.currentRevisionId).toBe(revision.id);
    // The changed sentence is retired, with its revision still there.
    expect(after.find((s) => s.id === changed.id)?.removedAt).not.toBeNull();
    expect(await db.revision.findUnique({ where: { id: changedRevision.id } })).not.toBeNull();
    expect(
      after.some((s) => s.removedAt === null && s.source.startsWith("Sebuah kalimat baru")),
    ).toBe(true);
  });

  it("reports a broken file, imports the others, and stores nothing of the broken one", async () => {
    fs.writeFileSync(path.join(dir, "broken.md"), "---\ntitle: \n---\n");
    fs.writeFileSync(
      path.join(dir, "binary.md"),
      "---\ntitle: Biner\n---\n\u0000\u0001\u0002\u0003",
    );
    const report = await importArticles(db, dir);
    expect(report.created).toHaveLength(5);
    expect(report.failed.map((f) => f.file).sort()).toEqual(["binary.md", "broken.md"]);
    expect(report.failed[0]?.error.length).toBeGreaterThan(10);
    expect(await db.article.count()).toBe(5);
  });
});
