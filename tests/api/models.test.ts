import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createArticle } from "@/app/api/articles/route";
import { POST as translate } from "@/app/api/articles/[slug]/translate/route";
import { PUT as setDefault } from "@/app/api/models/default/route";
import { GET as listModels } from "@/app/api/models/route";
import {
  GET as alternative,
  POST as chooseAlternative,
} from "@/app/api/segments/[id]/alternatives/route";
import { GET as history } from "@/app/api/segments/[id]/history/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import { getArticleView } from "@/lib/articles/queries";
import type { Db } from "@/lib/db/client";
import { corpusChrf } from "@/lib/quality/chrf";
import type { HistoryEntry } from "@/lib/revisions/history";
import { setEngine } from "@/lib/translation/engines";
import { KNOWN_MODELS } from "@/lib/translation/models/catalogue";
import { modelChoices } from "@/lib/translation/models/choice";
import { installableModels, type ModelSummary } from "@/lib/translation/models/summary";
import { resolveModelSource } from "@/lib/translation/models/source";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { freshDb, testDir } from "../helpers/db";

// Two installed models, laid out as downloads are: <models>/<owner>/<name>.
const MARIAN = "fixtures/tiny-marian";
const PLAIN = "fixtures/tiny-marian-plain";
const saved = { MT_MODEL: process.env.MT_MODEL, MT_MODELS_DIR: process.env.MT_MODELS_DIR };
let db: Db;

const json = (url: string, method: string, body: unknown) =>
  new Request(`http://localhost${url}`, { method, body: JSON.stringify(body) });
const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });
const idParams = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

async function addArticle(title: string, text: string): Promise<string> {
  const response = await createArticle(json("/api/articles", "POST", { title, text }), undefined);
  expect(response.status).toBe(201);
  return ((await response.json()) as { slug: string }).slug;
}

async function translateWith(slug: string, query = ""): Promise<string> {
  const response = await translate(
    new Request(`http://localhost/api/articles/${slug}/translate${query}`, { method: "POST" }),
    slugParams(slug),
  );
  return response.text();
}

async function sentences(slug: string) {
  return db.segment.findMany({
    where: { article: { slug }, kind: "sentence" },
    orderBy: { position: "asc" },
    select: {
      id: true,
      source: true,
      currentRevisionId: true,
      currentRevision: {
        select: { text: true, modelId: true, modelRevision: true, decoding: true, origin: true },
      },
    },
  });
}

async function models(): Promise<{ defaultModel: string; models: ModelSummary[] }> {
  const response = await listModels(new Request("http://localhost/api/models"), undefined);
  expect(response.status).toBe(200);
  return (await response.json()) as { defaultModel: string; models: ModelSummary[] };
}

beforeAll(async () => {
  const dir = path.join(testDir(), `models-${process.pid}-${Date.now()}`);
  fs.mkdirSync(path.join(dir, "fixtures"), { recursive: true });
  for (const name of ["tiny-marian", "tiny-marian-plain"]) {
    fs.cpSync(path.resolve("tests/fixtures", name), path.join(dir, "fixtures", name), {
      recursive: true,
    });
  }
  process.env.MT_MODELS_DIR = dir;
  process.env.MT_MODEL = MARIAN;
  db = freshDb().db;
  for (const id of [MARIAN, PLAIN]) setEngine(new TransformersEngine(resolveModelSource(id)), id);
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("several models in one library", () => {
  it("records the model, its revision and the decoding with every machine revision", async () => {
    const slug = await addArticle("Dua model", "Kim bertemu Putin di Rusia. Xi bertemu Kim.");
    await translateWith(slug);
    const first = await sentences(slug);
    expect(first.map((s) => s.currentRevision?.modelId)).toEqual([MARIAN, MARIAN]);
    expect(first[0]!.currentRevision?.text).toBe("Kim met Putin in Russia.");
    expect(first[0]!.currentRevision?.decoding).toMatch(/^(greedy|beam \d+)/);
    // A folder that no download recorded is named by a fingerprint of its files.
    expect(first[0]!.currentRevision?.modelRevision).toMatch(/^local-[0-9a-f]{12}$/);

    // An editor retranslates the article with the other installed model.
    await translateWith(slug, `?retranslate=1&model=${encodeURIComponent(PLAIN)}`);
    const second = await sentences(slug);
    expect(second.map((s) => s.currentRevision?.modelId)).toEqual([PLAIN, PLAIN]);
    const history = await db.revision.findMany({
      where: { segmentId: second[0]!.id },
      orderBy: { id: "asc" },
      select: { modelId: true },
    });
    expect(history.map((h) => h.modelId)).toEqual([MARIAN, PLAIN]);
  });

  it("refuses a model that is not installed, and changes nothing", async () => {
    const slug = await addArticle("Model hilang", "Kim bertemu Putin di Rusia.");
    const response = await translate(
      new Request(`http://localhost/api/articles/${slug}/translate?retranslate=1&model=x/none`, {
        method: "POST",
      }),
      slugParams(slug),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe("modelNotInstalled");
    expect((await sentences(slug))[0]!.currentRevisionId).toBeNull();
  });

  it("shows another model's translation of a sentence without storing it, and stores it when chosen", async () => {
    const slug = await addArticle("Pilihan", "Kim bertemu Putin di Rusia.");
    await translateWith(slug);
    const [sentence] = await sentences(slug);
    const before = await db.revision.count({ where: { segmentId: sentence!.id } });

    const shown = await alternative(
      new Request(
        `http://localhost/api/segments/${sentence!.id}/alternatives?model=${encodeURIComponent(PLAIN)}`,
      ),
      idParams(sentence!.id),
    );
    expect(shown.status).toBe(200);
    const offered = (await shown.json()) as { modelId: string; text: string };
    expect(offered).toMatchObject({ modelId: PLAIN, text: "Kim met Putin in Russia." });
    expect(await db.revision.count({ where: { segmentId: sentence!.id } })).toBe(before);

    // Chosen on a stale base: refused, nothing stored.
    const stale = await chooseAlternative(
      json(`/api/segments/${sentence!.id}/alternatives`, "POST", {
        model: PLAIN,
        baseRevisionId: sentence!.currentRevisionId! + 1000,
      }),
      idParams(sentence!.id),
    );
    expect(stale.status).toBe(409);
    expect(await db.revision.count({ where: { segmentId: sentence!.id } })).toBe(before);

    const chosen = await chooseAlternative(
      json(`/api/segments/${sentence!.id}/alternatives`, "POST", {
        model: PLAIN,
        baseRevisionId: sentence!.currentRevisionId,
      }),
      idParams(sentence!.id),
    );
    expect(chosen.status).toBe(201);
    const [after] = await sentences(slug);
    expect(after!.currentRevision).toMatchObject({
      origin: "machine",
      modelId: PLAIN,
      text: offered.text,
    });
  });

  it("judges each model on the corrections made to its translations, as a hand count gives", async () => {
    const slug = await addArticle(
      "Koreksi",
      "Xi bertemu Kim di Tiongkok. Kim berbicara dengan Ukraina. DK PBB bertemu Kim di Ukraina.",
    );
    await translateWith(slug);
    const translated = await sentences(slug);
    // Two of the three corrected: the first changed, the second changed; the third stays.
    const corrections = ["Xi met Kim in Beijing, China.", "Kim talked with Ukraine."];
    for (const [k, text] of corrections.entries()) {
      const s = translated[k]!;
      const response = await saveTranslation(
        json(`/api/segments/${s.id}/translation`, "PUT", {
          text,
          baseRevisionId: s.currentRevisionId,
        }),
        idParams(s.id),
      );
      expect(response.status).toBe(201);
    }
    const { models: list } = await models();
    const marian = list.find((m) => m.id === MARIAN)!;
    // By hand: every machine sentence MARIAN wrote in this library, and the corrected ones.
    const machine = await db.revision.findMany({
      where: { origin: "machine", modelId: MARIAN },
      select: { segmentId: true },
      distinct: ["segmentId"],
    });
    expect(marian.corrections.translated).toBe(machine.length);
    expect(marian.corrections.corrected).toBe(2);
    expect(marian.corrections.chrf).toBeCloseTo(
      corpusChrf(
        translated.slice(0, 2).map((s) => s.currentRevision!.text),
        corrections,
      ),
      6,
    );
    expect(marian.installed).toBe(true);
    expect(marian.architecture).toBe("marian");
    expect(marian.sizeBytes).toBeGreaterThan(0);
    // Its speed is measured on the library's own model calls.
    expect(marian.speed?.sentences).toBeGreaterThan(0);
    const plain = list.find((m) => m.id === PLAIN)!;
    expect(plain.corrections.corrected).toBe(0);
    expect(plain.corrections.chrf).toBeNull();
  });

  it("lets the default model change to an installed one only", async () => {
    expect((await models()).defaultModel).toBe(MARIAN);
    const refused = await setDefault(
      json("/api/models/default", "PUT", { model: "x/none" }),
      undefined,
    );
    expect(refused.status).toBe(422);
    expect((await models()).defaultModel).toBe(MARIAN);

    const changed = await setDefault(
      json("/api/models/default", "PUT", { model: PLAIN }),
      undefined,
    );
    expect(changed.status).toBe(200);
    expect((await models()).defaultModel).toBe(PLAIN);
    // New text is translated by the chosen model.
    const slug = await addArticle("Model baru", "Kim bertemu Putin di Rusia.");
    await translateWith(slug);
    expect((await sentences(slug))[0]!.currentRevision?.modelId).toBe(PLAIN);
    await setDefault(json("/api/models/default", "PUT", { model: MARIAN }), undefined);
  });

  it("tells the reader which models may translate, and which model wrote each sentence and revision", async () => {
    expect(await modelChoices(db)).toEqual({ defaultModel: MARIAN, available: [MARIAN, PLAIN] });
    const slug = await addArticle("Riwayat model", "Kim bertemu Putin di Rusia.");
    await translateWith(slug);
    await translateWith(slug, `?retranslate=1&model=${encodeURIComponent(PLAIN)}`);
    const view = await getArticleView(db, slug);
    const sentence = view.paragraphs[0]!.segments[0]!;
    expect(sentence.translation?.modelId).toBe(PLAIN);

    const response = await history(
      new Request(`http://localhost/api/segments/${sentence.id}/history`),
      idParams(sentence.id),
    );
    const entries = (await response.json()) as HistoryEntry[];
    expect(entries.map((e) => e.modelId)).toEqual([MARIAN, PLAIN]);
    for (const entry of entries) {
      expect(entry.decoding).toMatch(/^(greedy|beam \d+)/);
      expect(entry.modelRevision).toMatch(/^local-[0-9a-f]{12}$/);
    }

    // A person's correction names no model.
    await saveTranslation(
      json(`/api/segments/${sentence.id}/translation`, "PUT", {
        text: "Kim met Putin in Moscow.",
        baseRevisionId: sentence.translation!.revisionId,
      }),
      idParams(sentence.id),
    );
    expect((await getArticleView(db, slug)).paragraphs[0]!.segments[0]!.translation).toMatchObject({
      origin: "human",
      modelId: null,
    });
  });

  it("lists the catalogue's models that are not installed, with their licence, size and scores", async () => {
    const { models: list } = await models();
    const installable = installableModels(list);
    expect(installable.map((m) => m.id)).toEqual(KNOWN_MODELS.map((m) => m.id));
    const nllb = installable.find((m) => m.architecture === "nllb")!;
    expect(nllb).toMatchObject({ installed: false, isDefault: false, speed: null });
    expect(nllb.licence?.commercial).toBe(false);
    // A model the listing shows already is not offered again.
    const listed = { ...list[0]!, id: KNOWN_MODELS[0]!.id };
    expect(installableModels([listed]).map((m) => m.id)).not.toContain(KNOWN_MODELS[0]!.id);
  });
});
