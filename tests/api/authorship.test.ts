// Who wrote each correction and glossary change: the signed-in user in accounts
// mode (history, the glossary entry, TMX creationid/changeid), nobody without accounts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as exportTmx } from "@/app/api/export/tmx/route";
import {
  DELETE as deleteEntry,
  GET as getEntry,
  PUT as updateEntry,
} from "@/app/api/glossary/[id]/route";
import { POST as importGlossary } from "@/app/api/glossary/import/route";
import { POST as createEntry } from "@/app/api/glossary/route";
import { GET as history } from "@/app/api/segments/[id]/history/route";
import { POST as revert } from "@/app/api/segments/[id]/revert/route";
import { POST as review } from "@/app/api/segments/[id]/review/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import type { Db } from "@/lib/db/client";
import type { GlossaryEntryView } from "@/lib/glossary/records";
import type { HistoryEntry } from "@/lib/revisions/history";
import { apiRequest, signedInUser, useAccounts } from "../helpers/accounts";
import { freshDb } from "../helpers/db";
import { addArticle, addMachineTranslation } from "../helpers/library";

let db: Db;
const ctx = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

async function historyOf(segmentId: number, cookie?: string): Promise<HistoryEntry[]> {
  const response = await history(
    apiRequest("GET", `/api/segments/${segmentId}/history`, cookie),
    ctx(segmentId),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as HistoryEntry[];
}

async function correct(segmentId: number, text: string, cookie?: string): Promise<number> {
  const [current] = (await historyOf(segmentId, cookie)).filter((r) => r.current);
  const response = await saveTranslation(
    apiRequest("PUT", `/api/segments/${segmentId}/translation`, cookie, {
      text,
      baseRevisionId: current?.revisionId ?? null,
    }),
    ctx(segmentId),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { revisionId: number }).revisionId;
}

/** Each <tu>'s tuid with its creationid and changeid. */
async function tmxAuthors(cookie?: string) {
  const response = await exportTmx(apiRequest("GET", "/api/export/tmx", cookie), undefined);
  expect(response.status).toBe(200);
  const xml = await response.text();
  return [...xml.matchAll(/<tu ([^>]*)>/g)].map(([, attrs]) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs!)?.[1] ?? null;
    return { tuid: attr("tuid"), creationid: attr("creationid"), changeid: attr("changeid") };
  });
}

describe("accounts mode", () => {
  let stopAccounts: () => void;
  let ana: { id: string; cookie: string };
  let budi: { id: string; cookie: string };

  beforeEach(async () => {
    stopAccounts = useAccounts();
    db = freshDb().db;
    ana = await signedInUser(db, "ana@example.org", "editor", "Ana Wijaya");
    budi = await signedInUser(db, "budi@example.org", "admin", "Budi Santoso");
  });

  afterEach(() => stopAccounts());

  it("each correction, check and restore shows its own author in the history", async () => {
    const [first, second] = await addArticle(db, "a", [
      ["Kim bertemu Putin di Rusia.", "Banjir melanda Jakarta."],
    ]);
    await addMachineTranslation(db, first!.id, "Kim meets Putin in Russia.");
    await addMachineTranslation(db, second!.id, "Flood hits Jakarta.");

    const byAna = await correct(first!.id, "Kim met Putin in Russia.", ana.cookie);
    const byBudi = await correct(second!.id, "Floods hit Jakarta.", budi.cookie);
    await correct(first!.id, "Kim met Putin in Russia on Wednesday.", budi.cookie);
    const restored = await revert(
      apiRequest("POST", `/api/segments/${first!.id}/revert`, ana.cookie, {
        revisionId: byAna,
        baseRevisionId: (await historyOf(first!.id, ana.cookie)).at(-1)!.revisionId,
      }),
      ctx(first!.id),
    );
    expect(restored.status).toBe(201);
    const checked = await review(
      apiRequest("POST", `/api/segments/${second!.id}/review`, ana.cookie, {
        baseRevisionId: byBudi,
      }),
      ctx(second!.id),
    );
    expect(checked.status).toBe(201);

    const authors = (entries: HistoryEntry[]) => entries.map((r) => [r.event, r.author]);
    const anaAuthor = { id: ana.id, name: "Ana Wijaya" };
    const budiAuthor = { id: budi.id, name: "Budi Santoso" };
    // Read by either of them: the history shows who did what, not who is asking.
    expect(authors(await historyOf(first!.id, budi.cookie))).toEqual([
      ["translate", null],
      ["edit", anaAuthor],
      ["edit", budiAuthor],
      ["revert", anaAuthor],
    ]);
    expect(authors(await historyOf(second!.id, ana.cookie))).toEqual([
      ["translate", null],
      ["edit", budiAuthor],
      ["review", anaAuthor],
    ]);

    // TMX: creationid the first person to work on the translation, changeid the last.
    expect(await tmxAuthors(ana.cookie)).toEqual([
      { tuid: String(first!.id), creationid: "Ana Wijaya", changeid: "Ana Wijaya" },
      { tuid: String(second!.id), creationid: "Budi Santoso", changeid: "Ana Wijaya" },
    ]);
  });

  it("a correction copied to the same sentence elsewhere keeps its author", async () => {
    const [source] = await addArticle(db, "a", [["Banjir melanda Jakarta."]]);
    const [twin] = await addArticle(db, "b", [["Banjir melanda Jakarta."]]);
    await addMachineTranslation(db, twin!.id, "Flood hits Jakarta.");
    await correct(source!.id, "Floods hit Jakarta.", budi.cookie);
    expect((await historyOf(twin!.id, ana.cookie)).at(-1)).toMatchObject({
      event: "memory",
      text: "Floods hit Jakarta.",
      author: { id: budi.id, name: "Budi Santoso" },
    });
  });

  it("a glossary entry names who made its last change, an upload included", async () => {
    const created = await createEntry(
      apiRequest("POST", "/api/glossary", ana.cookie, {
        term: "Korut",
        translation: "North Korea",
        category: "place",
      }),
      undefined,
    );
    expect(created.status).toBe(201);
    const entry = (await created.json()) as GlossaryEntryView;
    expect(entry.author).toEqual({ id: ana.id, name: "Ana Wijaya" });

    const updated = await updateEntry(
      apiRequest("PUT", `/api/glossary/${entry.id}`, budi.cookie, {
        term: "Korut",
        translation: "DPRK",
        category: "place",
      }),
      ctx(entry.id),
    );
    expect(((await updated.json()) as GlossaryEntryView).author).toEqual({
      id: budi.id,
      name: "Budi Santoso",
    });
    const read = await getEntry(
      apiRequest("GET", `/api/glossary/${entry.id}`, ana.cookie),
      ctx(entry.id),
    );
    expect(((await read.json()) as GlossaryEntryView).author?.name).toBe("Budi Santoso");

    const uploaded = await importGlossary(
      apiRequest("POST", "/api/glossary/import", budi.cookie, {
        format: "csv",
        content:
          "term,translation,aliases,category,note\nDPR,House of Representatives,,organization,\n",
      }),
      undefined,
    );
    expect(uploaded.status).toBe(200);
    expect((await db.glossaryEntry.findFirstOrThrow({ where: { term: "DPR" } })).authorId).toBe(
      budi.id,
    );

    const deleted = await deleteEntry(
      apiRequest("DELETE", `/api/glossary/${entry.id}`, ana.cookie),
      ctx(entry.id),
    );
    expect(deleted.status).toBe(204);
    // The tombstone keeps who deleted it.
    expect((await db.glossaryEntry.findUniqueOrThrow({ where: { id: entry.id } })).authorId).toBe(
      ana.id,
    );
  });
});

describe("single-user mode", () => {
  beforeEach(() => {
    db = freshDb().db;
  });

  it("records no author: the history says none and TMX names nobody", async () => {
    const [s] = await addArticle(db, "a", [["Kim bertemu Putin di Rusia."]]);
    await addMachineTranslation(db, s!.id, "Kim meets Putin in Russia.");
    await correct(s!.id, "Kim met Putin in Russia.");
    expect((await historyOf(s!.id)).map((r) => r.author)).toEqual([null, null]);
    expect(await tmxAuthors()).toEqual([{ tuid: String(s!.id), creationid: null, changeid: null }]);
    const created = await createEntry(
      apiRequest("POST", "/api/glossary", undefined, {
        term: "Korut",
        translation: "North Korea",
        category: "place",
      }),
      undefined,
    );
    expect(((await created.json()) as GlossaryEntryView).author).toBeNull();
  });
});
