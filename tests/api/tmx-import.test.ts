import { beforeEach, describe, expect, it } from "vitest";
import { GET as getArticle } from "@/app/api/articles/[slug]/route";
import { POST as importTmxRoute } from "@/app/api/import/tmx/route";
import { GET as suggestions } from "@/app/api/segments/[id]/suggestions/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import type { Db } from "@/lib/db/client";
import { freshDb } from "../helpers/db";
import { addArticle, addMachineTranslation } from "../helpers/library";

let db: Db;

beforeEach(() => {
  db = freshDb().db;
});

/** A memory as another CAT tool writes it: its own header, region subtags, inline codes, a DOCTYPE. */
function outsideTmx(units: { id: string; en: string; date?: string }[]): string {
  const tus = units
    .map(
      (u, i) => `    <tu tuid="${i + 1}"${u.date ? ` changedate="${u.date}"` : ""} creationid="ana">
      <prop type="x-project">berita</prop>
      <tuv xml:lang="id-ID">
        <seg>${u.id}</seg>
      </tuv>
      <tuv xml:lang="en-GB">
        <seg>${u.en}</seg>
      </tuv>
    </tu>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6.0.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="id-ID" datatype="plaintext">
  </header>
  <body>
${tus}
  </body>
</tmx>
`;
}

const post = (body: unknown) =>
  importTmxRoute(
    new Request("http://localhost/api/import/tmx", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    undefined,
  );

const article = (slug: string, sentences: string[]) => addArticle(db, slug, [sentences]);
const machine = (segmentId: number, text: string) => addMachineTranslation(db, segmentId, text);

async function translations(slug: string) {
  const response = await getArticle(new Request(`http://localhost/api/articles/${slug}`), {
    params: Promise.resolve({ slug }),
  });
  const body = (await response.json()) as {
    paragraphs: {
      segments: { source: string; translation: { text: string; origin: string } | null }[];
    }[];
  };
  return body.paragraphs.flatMap((p) =>
    p.segments.map((s) => [s.source, s.translation?.text ?? null, s.translation?.origin ?? null]),
  );
}

describe("POST /api/import/tmx", () => {
  it("fills the library from another tool's memory: untranslated and machine sentences, never a human one", async () => {
    const [untranslated, machined, corrected] = await article("a", [
      "Korut meluncurkan rudal balistik.",
      "DK PBB menggelar rapat darurat.",
      "Kim bertemu Putin di Rusia.",
    ]);
    await machine(machined!.id, "The UNSC holds a meeting emergency.");
    const m = await machine(corrected!.id, "Kim meet Putin.");
    await saveTranslation(
      new Request("http://localhost/x", {
        method: "PUT",
        body: JSON.stringify({ text: "Kim met Putin in Russia.", baseRevisionId: m.id }),
      }),
      { params: Promise.resolve({ id: String(corrected!.id) }) },
    );

    const response = await post({
      content: outsideTmx([
        {
          id: "Korut meluncurkan rudal balistik.",
          en: "North Korea launched a ballistic missile.",
        },
        {
          id: "DK PBB menggelar  rapat darurat.",
          en: "The UN Security Council held an emergency meeting.",
        },
        { id: "Kim bertemu Putin di Rusia.", en: "Kim meets Putin in Russia (memory)." },
        { id: "Kalimat yang tidak ada di pustaka.", en: "A sentence not in the library." },
      ]),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ units: 4, applied: 2 });
    // The untranslated sentence's one revision is the file's text, linked to the stored unit.
    expect(untranslated!.currentRevision).toBeNull();
    expect(await db.revision.findMany({ where: { segmentId: untranslated!.id } })).toEqual([
      expect.objectContaining({
        origin: "memory",
        text: "North Korea launched a ballistic missile.",
        memoryUnitId: expect.any(Number),
      }),
    ]);
    // The corrected sentence's history is as it was: the machine text, then the correction.
    const history = await db.revision.findMany({
      where: { segmentId: corrected!.id },
      orderBy: { id: "asc" },
      select: { origin: true, text: true },
    });
    expect(history).toEqual([
      { origin: "machine", text: "Kim meet Putin." },
      { origin: "human", text: "Kim met Putin in Russia." },
    ]);
    expect(await translations("a")).toEqual([
      ["Korut meluncurkan rudal balistik.", "North Korea launched a ballistic missile.", "memory"],
      [
        "DK PBB menggelar rapat darurat.",
        "The UN Security Council held an emergency meeting.",
        "memory",
      ],
      ["Kim bertemu Putin di Rusia.", "Kim met Putin in Russia.", "human"],
    ]);
  });

  it("is idempotent: the same file again stores no second copy and changes nothing", async () => {
    await article("a", ["Korut meluncurkan rudal balistik."]);
    const file = outsideTmx([
      { id: "Korut meluncurkan rudal balistik.", en: "North Korea launched a ballistic missile." },
    ]);
    expect(await (await post({ content: file })).json()).toEqual({ units: 1, applied: 1 });
    const revisions = await db.revision.count();
    expect(await (await post({ content: file })).json()).toEqual({ units: 1, applied: 0 });
    expect(await db.memoryUnit.count()).toBe(1);
    expect(await db.revision.count()).toBe(revisions);
  });

  it("gives an article added later the imported translation, and offers units for similar sentences", async () => {
    await post({
      content: outsideTmx([
        {
          id: "Korut meluncurkan rudal balistik ke Laut Jepang.",
          en: "North Korea fired a ballistic missile into the Sea of Japan.",
        },
      ]),
    });
    const [same, similar] = await article("later", [
      "Korut meluncurkan rudal balistik ke Laut Jepang.",
      "Korut meluncurkan dua rudal balistik ke Laut Jepang.",
    ]);
    expect(same!.currentRevision).toMatchObject({
      origin: "memory",
      text: "North Korea fired a ballistic missile into the Sea of Japan.",
    });
    expect(similar!.currentRevision).toBeNull();
    const response = await suggestions(new Request("http://localhost/x"), {
      params: Promise.resolve({ id: String(similar!.id) }),
    });
    const offered = (await response.json()) as {
      translation: string;
      memoryUnitId: number | null;
      percent: number;
    }[];
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({
      translation: "North Korea fired a ballistic missile into the Sea of Japan.",
    });
    expect(offered[0]!.memoryUnitId).toEqual(expect.any(Number));
    expect(offered[0]!.percent).toBeGreaterThanOrEqual(75);
  });

  it("takes the most recently changed translation when a file has two for one sentence", async () => {
    const [s] = await article("a", ["Politbiro bersidang."]);
    await post({
      content: outsideTmx([
        { id: "Politbiro bersidang.", en: "The Politburo met (new).", date: "20260301T120000Z" },
        { id: "Politbiro bersidang.", en: "The Politburo met (old).", date: "20250101T120000Z" },
      ]),
    });
    const row = await db.segment.findUniqueOrThrow({
      where: { id: s!.id },
      include: { currentRevision: true },
    });
    expect(row.currentRevision?.text).toBe("The Politburo met (new).");
  });

  it("accepts the file as a multipart upload", async () => {
    await article("a", ["Korut meluncurkan rudal balistik."]);
    const form = new FormData();
    const content = outsideTmx([
      { id: "Korut meluncurkan rudal balistik.", en: "North Korea launched a ballistic missile." },
    ]);
    form.set("file", new File([content], "memory.tmx", { type: "application/xml" }));
    const response = await importTmxRoute(
      new Request("http://localhost/api/import/tmx", { method: "POST", body: form }),
      undefined,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ units: 1, applied: 1 });
  });

  it.each([
    [
      "malformed XML",
      outsideTmx([{ id: "Satu.", en: "One." }]).replace(
        '</seg>\n      </tuv>\n      <tuv xml:lang="en-GB">',
        '</sg>\n      </tuv>\n      <tuv xml:lang="en-GB">',
      ),
      /line \d+/,
    ],
    [
      "a unit without English, after good ones",
      outsideTmx([
        {
          id: "Korut meluncurkan rudal balistik.",
          en: "North Korea launched a ballistic missile.",
        },
        { id: "Dua.", en: "Two." },
      ]).replace(/en-GB(?![\s\S]*en-GB)/, "fr-FR"),
      /no <tuv> in the target language "en"/,
    ],
    ["a file that is not TMX", "<html><body>hello</body></html>", /expected <tmx>/],
    [
      "an empty translation",
      outsideTmx([{ id: "Korut meluncurkan rudal balistik.", en: "   " }]),
      /translation is empty/,
    ],
  ])("refuses %s with 422 and the reason, importing nothing", async (_what, content, reason) => {
    const [s] = await article("a", ["Korut meluncurkan rudal balistik."]);
    const before = await db.revision.count();
    const response = await post({ content });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      code: string;
      error: string;
      params: { detail: string };
    };
    expect(body.code).toBe("tmxInvalid");
    expect(body.params.detail).toMatch(reason);
    expect(await db.memoryUnit.count()).toBe(0);
    expect(await db.revision.count()).toBe(before);
    const row = await db.segment.findUniqueOrThrow({ where: { id: s!.id } });
    expect(row.currentRevisionId).toBeNull();
  });

  it("refuses a request without a file", async () => {
    const response = await importTmxRoute(
      new Request("http://localhost/api/import/tmx", { method: "POST", body: new FormData() }),
      undefined,
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe("uploadNoFile");
  });
});
