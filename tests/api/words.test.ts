// Saved words through the JSON API: saving from a sentence, contexts, status,
// filters, marks, export and import, and each person's own list with accounts.
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELETE as removeWord, PATCH as patchWord } from "@/app/api/words/[id]/route";
import { GET as exportRoute } from "@/app/api/words/export/route";
import { POST as importRoute } from "@/app/api/words/import/route";
import { GET as marksRoute } from "@/app/api/words/marks/route";
import { GET as listRoute, POST as saveRoute } from "@/app/api/words/route";
import type { Db } from "@/lib/db/client";
import { MAX_CONTEXTS, type SavedWordRecord } from "@/lib/words/records";
import { apiRequest, signedInUser, useAccounts } from "../helpers/accounts";
import { freshDb } from "../helpers/db";
import { addArticle, addMachineTranslation } from "../helpers/library";

type Word = SavedWordRecord & { contextAdded?: boolean };
const ctx = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

let db: Db;
let first: { id: number; source: string }[];
let second: { id: number; source: string }[];

async function save(body: unknown, cookie?: string) {
  const response = await saveRoute(apiRequest("POST", "/api/words", cookie, body), undefined);
  return { status: response.status, body: (await response.json()) as Word & { code?: string } };
}
async function list(query = "", cookie?: string): Promise<Word[]> {
  const response = await listRoute(apiRequest("GET", `/api/words${query}`, cookie), undefined);
  expect(response.status).toBe(200);
  return (await response.json()) as Word[];
}

async function library() {
  db = freshDb().db;
  first = await addArticle(db, "banjir-jakarta", [
    ["Banjir merendam rumah warga di Jakarta.", "Warga mengungsi ke masjid."],
    ["Pemerintah mengirim bantuan untuk warga."],
  ]);
  await addMachineTranslation(db, first[0]!.id, "Floods submerged residents' homes in Jakarta.");
  second = await addArticle(db, "pemilu", [
    ["Warga memilih presiden baru.", "Banjir tidak terjadi."],
  ]);
}

describe("saving words", () => {
  beforeEach(library);

  it("fills the root, senses, both sentences and the article from the sentence", async () => {
    const saved = await save({ form: "Banjir", segmentId: first[0]!.id });
    expect(saved.status).toBe(201);
    // The sentence's capital is not part of the word; a name keeps its own.
    expect(saved.body).toMatchObject({ form: "banjir", root: "banjir", status: "new", note: "" });
    expect(saved.body.senses[0]!.gloss).toBe("flood");
    expect(saved.body.contexts).toEqual([
      expect.objectContaining({
        segmentId: first[0]!.id,
        articleSlug: "banjir-jakarta",
        articleTitle: "banjir-jakarta",
        form: "Banjir",
        source: "Banjir merendam rumah warga di Jakarta.",
        translation: "Floods submerged residents' homes in Jakarta.",
      }),
    ]);
  });

  it("adds the sentence of a word met again as a context, once, and keeps status and note", async () => {
    const made = await save({ form: "Warga", segmentId: first[1]!.id, note: "resident" });
    await patchWord(
      apiRequest("PATCH", "/x", undefined, { status: "learning" }),
      ctx(made.body.id),
    );
    const again = await save({ form: "warga", segmentId: second[0]!.id });
    expect(again.status).toBe(200);
    expect(again.body.contextAdded).toBe(true);
    expect(again.body).toMatchObject({
      id: made.body.id,
      form: "warga",
      status: "learning",
      note: "resident",
    });
    expect(again.body.contexts.map((c) => c.articleSlug)).toEqual(["banjir-jakarta", "pemilu"]);
    const repeat = await save({ form: "WARGA", segmentId: second[0]!.id });
    expect(repeat.body.contextAdded).toBe(false);
    expect(repeat.body.contexts).toHaveLength(2);
    expect(await list()).toHaveLength(1);
  });

  it(`keeps at most ${MAX_CONTEXTS} sentences`, async () => {
    const many = await addArticle(
      db,
      "banyak",
      Array.from({ length: MAX_CONTEXTS + 2 }, (_, i) => [`Warga ke-${i + 1} datang pagi ini.`]),
    );
    for (const s of many) await save({ form: "warga", segmentId: s.id });
    const [word] = await list();
    expect(word!.contexts).toHaveLength(MAX_CONTEXTS);
    expect(word!.contexts[0]!.source).toBe("Warga ke-1 datang pagi ini.");
  });

  it("refuses a word that is not in the sentence, an unknown sentence and a phrase, and stores nothing", async () => {
    const absent = await save({ form: "gempa", segmentId: first[0]!.id });
    expect(absent.status).toBe(422);
    expect(absent.body.code).toBe("wordNotInSentence");
    expect((await save({ form: "banjir", segmentId: 999_999 })).status).toBe(404);
    const phrase = await save({ form: "rumah warga", segmentId: first[0]!.id });
    expect(phrase.status).toBe(422);
    expect(phrase.body.code).toBe("wordNotAWord");
    expect((await save({ segmentId: first[0]!.id })).body.code).toBe("fieldMissing");
    expect(await list()).toEqual([]);
  });

  it("shows the sentence's English as it is now", async () => {
    const { body } = await save({ form: "masjid", segmentId: first[1]!.id });
    expect(body.contexts[0]!.translation).toBeNull();
    await addMachineTranslation(db, first[1]!.id, "Residents fled to the mosque.");
    expect((await list())[0]!.contexts[0]!.translation).toBe("Residents fled to the mosque.");
  });

  it("changes the status and the note, refuses a bad status, and deletes", async () => {
    const { body } = await save({ form: "bantuan", segmentId: first[2]!.id });
    const bad = await patchWord(
      apiRequest("PATCH", "/x", undefined, { status: "mastered" }),
      ctx(body.id),
    );
    expect(bad.status).toBe(422);
    expect((await list())[0]!.status).toBe("new");
    const empty = await patchWord(apiRequest("PATCH", "/x", undefined, {}), ctx(body.id));
    expect(empty.status).toBe(422);
    const changed = await patchWord(
      apiRequest("PATCH", "/x", undefined, { status: "known", note: "aid" }),
      ctx(body.id),
    );
    expect(await changed.json()).toMatchObject({ status: "known", note: "aid" });
    expect((await removeWord(apiRequest("DELETE", "/x"), ctx(body.id))).status).toBe(204);
    expect(await list()).toEqual([]);
    expect((await removeWord(apiRequest("DELETE", "/x"), ctx(body.id))).status).toBe(404);
  });
});

describe("the list's filters and the reader's marks", () => {
  beforeAll(async () => {
    await library();
    await save({ form: "banjir", segmentId: first[0]!.id });
    const warga = await save({ form: "warga", segmentId: first[1]!.id });
    await patchWord(
      apiRequest("PATCH", "/x", undefined, { status: "learning" }),
      ctx(warga.body.id),
    );
    const presiden = await save({
      form: "presiden",
      segmentId: second[0]!.id,
      note: "head of state",
    });
    await patchWord(
      apiRequest("PATCH", "/x", undefined, { status: "known" }),
      ctx(presiden.body.id),
    );
  });

  it("filters by status, article and search text, and sorts by date or frequency", async () => {
    expect((await list()).map((w) => w.form)).toEqual(["presiden", "warga", "banjir"]);
    expect((await list("?status=learning")).map((w) => w.form)).toEqual(["warga"]);
    expect((await list("?article=pemilu")).map((w) => w.form)).toEqual(["presiden"]);
    expect((await list("?q=STATE")).map((w) => w.form)).toEqual(["presiden"]);
    expect(await list("?article=no-such-article")).toEqual([]);
    const byFrequency = await list("?sort=frequency");
    // warga: 4 sentences; banjir: 2; presiden: 1.
    expect(byFrequency.map((w) => [w.form, w.frequency])).toEqual([
      ["warga", 4],
      ["banjir", 2],
      ["presiden", 1],
    ]);
    const bad = await listRoute(apiRequest("GET", "/api/words?status=mastered"), undefined);
    expect(bad.status).toBe(422);
  });

  it("lists the saved words an article contains, with their status", async () => {
    const response = await marksRoute(
      apiRequest("GET", "/api/words/marks?article=pemilu"),
      undefined,
    );
    const marks = (await response.json()) as { key: string; status: string }[];
    expect(marks.map((m) => [m.key, m.status]).sort()).toEqual([
      ["banjir", "new"],
      ["presiden", "known"],
      ["warga", "learning"],
    ]);
    const missing = await marksRoute(apiRequest("GET", "/api/words/marks?article=nope"), undefined);
    expect(missing.status).toBe(404);
  });

  it("exports the filtered list as CSV with the sentence, the English and the address", async () => {
    const response = await exportRoute(
      apiRequest("GET", "/api/words/export?format=csv&status=new"),
      undefined,
    );
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    const rows = parseCsv(await response.text(), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(rows).toEqual([
      {
        word: "banjir",
        root: "banjir",
        senses: expect.stringContaining("flood"),
        sentence: "Banjir merendam rumah warga di Jakarta.",
        english: "Floods submerged residents' homes in Jakarta.",
        article: "banjir-jakarta",
        address: `http://localhost/articles/banjir-jakarta#s-${first[0]!.id}`,
        note: "",
        status: "new",
      },
    ]);
  });
});

describe("the Anki file", () => {
  beforeAll(async () => {
    await library();
    await save({
      form: "rumah",
      segmentId: first[0]!.id,
      note: 'a <house> & "home"\nalso: family',
    });
    const warga = await save({ form: "warga", segmentId: first[1]!.id });
    await patchWord(apiRequest("PATCH", "/x", undefined, { status: "known" }), ctx(warga.body.id));
  });

  /** Reads the file as Anki's text import does: header lines, then one note a line, fields split at tabs. */
  async function anki(query: string) {
    const response = await exportRoute(
      apiRequest("GET", `/api/words/export?format=anki${query}`),
      undefined,
    );
    const lines = (await response.text()).split("\n").filter((l) => l !== "");
    const header = new Map(
      lines
        .filter((l) => l.startsWith("#"))
        .map((l) => [l.slice(1, l.indexOf(":")), l.slice(l.indexOf(":") + 1)]),
    );
    const notes = lines.filter((l) => !l.startsWith("#")).map((l) => l.split("\t"));
    return { header, notes };
  }

  it("has Anki's header lines and one note per word of the filtered list, HTML escaped, the word marked, the status a tag", async () => {
    const all = await anki("");
    expect(Object.fromEntries(all.header)).toEqual({
      separator: "tab",
      html: "true",
      notetype: "Basic",
      deck: "Dwibahasa",
      columns: "Word\tRoot\tSenses\tSentence\tEnglish\tArticle\tAddress\tNote\tStatus",
      "tags column": "9",
    });
    expect(all.notes.map((n) => n[0])).toEqual(["warga", "rumah"]);
    expect(all.notes.every((n) => n.length === 9)).toBe(true);
    const rumah = all.notes[1]!;
    expect(rumah[3]).toBe("Banjir merendam <b>rumah</b> warga di Jakarta.");
    expect(rumah[4]).toBe("Floods submerged residents&#39; homes in Jakarta.");
    expect(rumah[6]).toBe(
      `<a href='http://localhost/articles/banjir-jakarta#s-${first[0]!.id}'>http://localhost/articles/banjir-jakarta#s-${first[0]!.id}</a>`,
    );
    expect(rumah[7]).toBe("a &lt;house&gt; &amp; &quot;home&quot;<br>also: family");
    expect(rumah[8]).toBe("dwibahasa::new");
    const known = await anki("&status=known");
    expect(known.notes.map((n) => [n[0], n[8]])).toEqual([["warga", "dwibahasa::known"]]);
  });
});

describe("importing a word list", () => {
  beforeEach(library);

  const upload = async (content: string) => {
    const response = await importRoute(
      apiRequest("POST", "/api/words/import", undefined, { content }),
      undefined,
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("adds new words with their status, keeps words already saved, and reports phrases", async () => {
    const saved = await save({ form: "warga", segmentId: first[1]!.id, note: "mine" });
    const result = await upload(
      "term;status;translation\nbanjir;1;flood\nWarga;5;citizen\npresiden;99;\ndi mana;2;where\nmengungsi;3;evacuate\n",
    );
    expect(result).toEqual({
      status: 200,
      body: { added: 3, existing: 1, skipped: [{ row: 5, text: "di mana" }] },
    });
    const words = await list();
    expect(Object.fromEntries(words.map((w) => [w.form, [w.status, w.note]]))).toEqual({
      banjir: ["new", "flood"],
      presiden: ["known", ""],
      mengungsi: ["learning", "evacuate"],
      warga: ["new", "mine"],
    });
    expect(words.find((w) => w.form === "mengungsi")!.root).toBe("ungsi");
    expect(words.find((w) => w.id === saved.body.id)!.contexts).toHaveLength(1);
    // Imported words are marked wherever they occur.
    const marks = (await (
      await marksRoute(apiRequest("GET", "/api/words/marks?article=banjir-jakarta"), undefined)
    ).json()) as { key: string }[];
    expect(marks.map((m) => m.key).sort()).toEqual(["banjir", "mengungsi", "warga"]);
  });

  it("reads a list without a header: one word a line", async () => {
    expect((await upload("banjir\nrumah\n")).body).toMatchObject({ added: 2 });
  });

  it("refuses a file with a bad row and imports nothing", async () => {
    const result = await upload("word,status\nbanjir,new\nrumah,mastered\n");
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      code: "wordsRowsRejected",
      rejected: [{ row: 3, reason: expect.stringContaining("mastered") }],
    });
    expect(await list()).toEqual([]);
    const broken = await upload('word\n"banjir\n');
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe("wordsFileUnreadable");
    expect(await list()).toEqual([]);
  });
});

describe("with accounts", () => {
  let stop: () => void;
  beforeAll(async () => {
    stop = useAccounts();
    await library();
  });
  afterAll(() => stop());

  it("keeps each person's words their own", async () => {
    const ana = await signedInUser(db, "ana@example.org", "reader", "Ana");
    const budi = await signedInUser(db, "budi@example.org", "editor", "Budi");
    const anaWord = await save({ form: "banjir", segmentId: first[0]!.id }, ana.cookie);
    expect(anaWord.status).toBe(201);
    // Budi saving the same word makes his own, with its own status.
    const budiWord = await save({ form: "banjir", segmentId: first[0]!.id }, budi.cookie);
    expect(budiWord.status).toBe(201);
    expect(budiWord.body.id).not.toBe(anaWord.body.id);
    await patchWord(
      apiRequest("PATCH", "/x", budi.cookie, { status: "known" }),
      ctx(budiWord.body.id),
    );
    expect((await list("", ana.cookie)).map((w) => [w.id, w.status])).toEqual([
      [anaWord.body.id, "new"],
    ]);
    // Another person's word is not found, and stays as it was.
    const foreign = await patchWord(
      apiRequest("PATCH", "/x", ana.cookie, { status: "learning" }),
      ctx(budiWord.body.id),
    );
    expect(foreign.status).toBe(404);
    expect(
      (await removeWord(apiRequest("DELETE", "/x", ana.cookie), ctx(budiWord.body.id))).status,
    ).toBe(404);
    expect((await list("", budi.cookie)).map((w) => w.status)).toEqual(["known"]);
    const anonymous = await listRoute(apiRequest("GET", "/api/words"), undefined);
    expect(anonymous.status).toBe(401);
  });
});
