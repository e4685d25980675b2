// The article view is cached (lib/articles/queries.ts); every write that
// changes what it shows must be visible on the very next read.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getArticle } from "@/app/api/articles/[slug]/route";
import { PUT as updateEntry, DELETE as deleteEntry } from "@/app/api/glossary/[id]/route";
import { POST as createEntry } from "@/app/api/glossary/route";
import { POST as review } from "@/app/api/segments/[id]/review/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import { getArticleView, type ArticleView } from "@/lib/articles/queries";
import type { Db } from "@/lib/db/client";
import { appendRevision } from "@/lib/revisions/store";
import { freshDb } from "../helpers/db";
import { addArticle, addMachineTranslation } from "../helpers/library";

let db: Db;
const req = (method: string, body?: unknown) =>
  new Request("http://localhost/x", {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const id = (n: number) => ({ params: Promise.resolve({ id: String(n) }) });

async function read(slug: string): Promise<ArticleView> {
  const response = await getArticle(req("GET"), { params: Promise.resolve({ slug }) });
  expect(response.status).toBe(200);
  return (await response.json()) as ArticleView;
}
const segmentsOf = (view: ArticleView) => view.paragraphs.flatMap((p) => p.segments);

/** A new machine translation over the current one, as the queue stores an out-of-date sentence's. */
async function translateAgain(segmentId: number, text: string) {
  const { currentRevisionId } = await db.segment.findUniqueOrThrow({ where: { id: segmentId } });
  await db.$transaction((tx) =>
    appendRevision(tx, {
      segmentId,
      baseRevisionId: currentRevisionId,
      origin: "machine",
      event: "translate",
      text,
    }),
  );
}

beforeEach(() => {
  db = freshDb().db;
});

describe("the cached article view", () => {
  it("is read once, and shows a correction, a review and a new translation at once", async () => {
    const [a, b] = await addArticle(db, "kabar", [["Kim bertemu Putin.", "Rapat berakhir."]]);
    await addMachineTranslation(db, a!.id, "Kim met Putin.");
    const first = await getArticleView(db, "kabar");
    // Cached: the same object until something changes.
    expect(await getArticleView(db, "kabar")).toBe(first);
    expect(segmentsOf(await read("kabar"))[0]!.translation?.text).toBe("Kim met Putin.");

    const baseRevisionId = segmentsOf(first)[0]!.translation!.revisionId;
    const saved = await saveTranslation(
      req("PUT", { text: "Kim meets Putin.", baseRevisionId }),
      id(a!.id),
    );
    expect(saved.status).toBe(201);
    const afterSave = segmentsOf(await read("kabar"))[0]!.translation!;
    expect(afterSave).toMatchObject({ text: "Kim meets Putin.", origin: "human", reviewed: true });
    expect(await getArticleView(db, "kabar")).not.toBe(first);

    // A translation stored by the queue's path (a revision in its own transaction).
    await addMachineTranslation(db, b!.id, "The meeting ended.");
    const second = segmentsOf(await read("kabar"))[1]!.translation!;
    expect(second).toMatchObject({ text: "The meeting ended.", reviewed: false });
    expect(
      (await review(req("POST", { baseRevisionId: second.revisionId }), id(b!.id))).status,
    ).toBe(201);
    expect(segmentsOf(await read("kabar"))[1]!.translation?.reviewed).toBe(true);
  });

  it("shows a refused save's winner, and nothing of the refused one", async () => {
    const [a] = await addArticle(db, "dua", [["Xi tiba di Moskow."]]);
    await addMachineTranslation(db, a!.id, "Xi arrived in Moscow.");
    const base = segmentsOf(await read("dua"))[0]!.translation!.revisionId;
    expect(
      (await saveTranslation(req("PUT", { text: "One.", baseRevisionId: base }), id(a!.id))).status,
    ).toBe(201);
    expect(
      (await saveTranslation(req("PUT", { text: "Two.", baseRevisionId: base }), id(a!.id))).status,
    ).toBe(409);
    expect(segmentsOf(await read("dua"))[0]!.translation?.text).toBe("One.");
  });

  it("marks a translation out of date as soon as a glossary entry it uses changes", async () => {
    const [a, b] = await addArticle(db, "politbiro", [["Politbiro bersidang.", "Hujan turun."]]);
    await addMachineTranslation(db, a!.id, "The politburo met.");
    await addMachineTranslation(db, b!.id, "It rained.");
    const created = await createEntry(
      req("POST", { term: "Politbiro", translation: "Politburo", category: "organization" }),
      undefined,
    );
    expect(created.status).toBe(201);
    const entry = (await created.json()) as { id: number };
    let view = segmentsOf(await read("politbiro"));
    expect(view.map((s) => s.translation?.outdated)).toEqual([true, false]);

    // Translated again, then the entry's rendering changes: out of date again at once.
    await translateAgain(a!.id, "The Politburo met.");
    expect(segmentsOf(await read("politbiro"))[0]!.translation?.outdated).toBe(false);
    const updated = await updateEntry(
      req("PUT", { term: "Politbiro", translation: "Political Bureau", category: "organization" }),
      id(entry.id),
    );
    expect(updated.status).toBe(200);
    view = segmentsOf(await read("politbiro"));
    expect(view[0]!.translation?.outdated).toBe(true);

    await translateAgain(a!.id, "The Political Bureau met.");
    expect((await deleteEntry(req("DELETE"), id(entry.id))).status).toBe(204);
    expect(segmentsOf(await read("politbiro"))[0]!.translation?.outdated).toBe(true);
  });

  it("shows an edited article's new sentences at once, keeping the unchanged ones", async () => {
    const [a] = await addArticle(db, "ubah", [["Kalimat tetap.", "Kalimat lama."]]);
    await addMachineTranslation(db, a!.id, "A sentence that stays.");
    expect(segmentsOf(await read("ubah")).map((s) => s.source)).toEqual([
      "Kalimat tetap.",
      "Kalimat lama.",
    ]);
    await addArticle(db, "ubah", [["Kalimat tetap.", "Kalimat baru."]]);
    const view = segmentsOf(await read("ubah"));
    expect(view.map((s) => s.source)).toEqual(["Kalimat tetap.", "Kalimat baru."]);
    expect(view[0]!.translation?.text).toBe("A sentence that stays.");
  });
});
