import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportArticle } from "@/app/api/articles/[slug]/export/route";
import { GET as getArticle } from "@/app/api/articles/[slug]/route";
import { POST as createArticle } from "@/app/api/articles/route";
import { GET as glossaryExport } from "@/app/api/glossary/export/route";
import { POST as glossaryImport } from "@/app/api/glossary/import/route";
import { GET as listGlossary, POST as createEntry } from "@/app/api/glossary/route";
import { POST as dismiss } from "@/app/api/glossary/suggestions/dismiss/route";
import { GET as lookup } from "@/app/api/lookup/route";
import { GET as search } from "@/app/api/search/route";
import { POST as review } from "@/app/api/segments/[id]/review/route";
import { PUT as saveTranslation } from "@/app/api/segments/[id]/translation/route";
import { importArticles } from "@/lib/content/import";
import { freshDb } from "../helpers/db";

const url = (p: string) => `http://localhost${p}`;
const get = (p: string) => new Request(url(p));
const send = (method: string, p: string, body: unknown) =>
  new Request(url(p), {
    method,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const slug = (s: string) => ({ params: Promise.resolve({ slug: s }) });
const id = (s: string) => ({ params: Promise.resolve({ id: s }) });

type Messages = Record<string, Record<string, unknown>>;
const messages = (locale: string) =>
  JSON.parse(fs.readFileSync(`messages/${locale}.json`, "utf8")) as Messages;

let segmentId: number;

beforeAll(async () => {
  const { db } = freshDb();
  await importArticles(db, path.resolve("content"));
  segmentId = (await db.segment.findFirstOrThrow({ where: { currentRevisionId: null } })).id;
});

// One bad request to each route that validates input, with the code it must name.
const cases: [string, () => Promise<Response>, number, string][] = [
  [
    "an article without a title",
    () => createArticle(send("POST", "/api/articles", { text: "Satu." }), undefined),
    422,
    "fieldMissing",
  ],
  [
    "an article body that is not JSON",
    () => createArticle(send("POST", "/api/articles", "{"), undefined),
    422,
    "bodyNotJson",
  ],
  [
    "an empty article",
    () => createArticle(send("POST", "/api/articles", { title: "T", text: "   " }), undefined),
    422,
    "textEmpty",
  ],
  [
    "an unknown article",
    () => getArticle(get("/api/articles/nope"), slug("nope")),
    404,
    "notFound",
  ],
  [
    "an unknown export format",
    () => exportArticle(get("/api/articles/x/export?format=pdf"), slug("x")),
    422,
    "fieldInvalid",
  ],
  [
    "an unknown export layout",
    () => exportArticle(get("/api/articles/x/export?layout=zigzag"), slug("x")),
    422,
    "fieldInvalid",
  ],
  [
    "a look-up without letters",
    () => lookup(get("/api/lookup?word=1234"), undefined),
    422,
    "fieldInvalid",
  ],
  ["a look-up without a word", () => lookup(get("/api/lookup"), undefined), 422, "fieldMissing"],
  ["a search without text", () => search(get("/api/search?q=%20"), undefined), 422, "fieldEmpty"],
  [
    "a search in an unknown language",
    () => search(get("/api/search?q=kim&lang=fr"), undefined),
    422,
    "fieldInvalid",
  ],
  [
    "a glossary query of 300 characters",
    () => listGlossary(get(`/api/glossary?q=${"a".repeat(300)}`), undefined),
    422,
    "fieldTooLong",
  ],
  [
    "a glossary entry without a translation",
    () =>
      createEntry(send("POST", "/api/glossary", { term: "Korut", category: "place" }), undefined),
    422,
    "fieldMissing",
  ],
  [
    "a glossary export in an unknown format",
    () => glossaryExport(get("/api/glossary/export?format=xlsx"), undefined),
    422,
    "fieldInvalid",
  ],
  [
    "a glossary import in an unknown format",
    () =>
      glossaryImport(
        send("POST", "/api/glossary/import", { format: "xls", content: "x" }),
        undefined,
      ),
    422,
    "fieldInvalid",
  ],
  [
    "an empty suggestion dismissal",
    () => dismiss(send("POST", "/api/glossary/suggestions/dismiss", { text: " " }), undefined),
    422,
    "fieldEmpty",
  ],
  [
    "a translation with a line break",
    () =>
      saveTranslation(
        send("PUT", `/api/segments/${segmentId}/translation`, {
          text: "a\nb",
          baseRevisionId: null,
        }),
        id(String(segmentId)),
      ),
    422,
    "translationControl",
  ],
  [
    "a review of an untranslated sentence",
    () =>
      review(
        send("POST", `/api/segments/${segmentId}/review`, { baseRevisionId: 1 }),
        id(String(segmentId)),
      ),
    422,
    "nothingToReview",
  ],
  [
    "an unknown segment id",
    () =>
      saveTranslation(
        send("PUT", "/api/segments/abc/translation", { text: "x", baseRevisionId: null }),
        id("abc"),
      ),
    404,
    "notFound",
  ],
];

describe("API errors", () => {
  it.each(cases)(
    "%s: { error, code, params } with a message in both languages",
    async (_name, call, status, code) => {
      const response = await call();
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: unknown; code: unknown; params: unknown };
      expect(body).toMatchObject({ error: expect.any(String), code, params: expect.any(Object) });
      for (const locale of ["en", "id"] as const) {
        const all = messages(locale);
        // The message files are plain JSON here, so the translator is untyped.
        const t = createTranslator({
          locale,
          messages: all,
          namespace: "apiErrors",
        }) as unknown as (key: string, params: Record<string, string | number>) => string;
        const params = body.params as Record<string, string | number>;
        // The field a message names is itself a message (apiErrors.fields.*).
        if (typeof params.field === "string")
          expect(all.apiErrors!.fields, `${locale}: fields.${params.field}`).toHaveProperty(
            params.field,
          );
        const text = t(code, params);
        expect(text).not.toMatch(/apiErrors|\{/);
      }
    },
  );
});
