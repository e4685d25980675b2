import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getArticle } from "@/app/api/articles/[slug]/route";
import { POST as importArticle } from "@/app/api/articles/import/route";
import { GET as listArticles } from "@/app/api/articles/route";
import type { Db } from "@/lib/db/client";
import { freshDb } from "../helpers/db";
import { send, startWebServer, type TestWebServer } from "../helpers/web-server";

let db: Db;
let server: TestWebServer;
const allowPrivate = process.env.FEEDS_ALLOW_PRIVATE;
const fixture = (name: string) => fs.readFileSync(`tests/fixtures/pages/${name}`);

const byLink = (url: string) =>
  importArticle(
    new Request("http://localhost/api/articles/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url }),
    }),
    undefined,
  );

const byFile = (name: string, content: Buffer | string) => {
  const form = new FormData();
  form.append(
    "file",
    new File([typeof content === "string" ? content : new Uint8Array(content)], name),
  );
  return importArticle(
    new Request("http://localhost/api/articles/import", { method: "POST", body: form }),
    undefined,
  );
};

async function article(slug: string) {
  const response = await getArticle(new Request(`http://localhost/api/articles/${slug}`), {
    params: Promise.resolve({ slug }),
  });
  return (await response.json()) as {
    title: string;
    source: string | null;
    author: string | null;
    url: string | null;
    publishedAt: string | null;
    paragraphs: { segments: { source: string }[] }[];
  };
}

const articleCount = () => db.article.count();

beforeAll(async () => {
  process.env.FEEDS_ALLOW_PRIVATE = "1";
  db = freshDb().db;
  server = await startWebServer({
    "/ekonomi/kereta-sumatra": send(fixture("kabar-nusantara.html"), "text/html; charset=utf-8"),
    "/short/kereta": (_req, res) => {
      res.writeHead(302, { location: "/ekonomi/kereta-sumatra?utm_source=feed" });
      res.end();
    },
    "/ekonomi/kereta-sumatra?utm_source=feed": send(fixture("kabar-nusantara.html"), "text/html"),
    "/broken": send("oops", "text/plain", 500),
    "/data.json": send("{}", "application/json"),
  });
});

afterAll(async () => {
  if (allowPrivate === undefined) delete process.env.FEEDS_ALLOW_PRIVATE;
  else process.env.FEEDS_ALLOW_PRIVATE = allowPrivate;
  await server.close();
});

describe("POST /api/articles/import by link", () => {
  it("fetches the page, extracts the article and stores it with its origin", async () => {
    const response = await byLink(server.url("/ekonomi/kereta-sumatra"));
    expect(response.status).toBe(201);
    const { slug } = (await response.json()) as { slug: string };
    const stored = await article(slug);
    expect(stored).toMatchObject({
      title: "Pemerintah Perluas Jaringan Kereta di Sumatra",
      source: "Kabar Nusantara",
      author: "Dewi Lestari Putri",
      publishedAt: "2026-11-30",
      url: "https://kabarnusantara.example/ekonomi/kereta-sumatra",
    });
    expect(stored.paragraphs).toHaveLength(5);
    const listed = (await (
      await listArticles(new Request("http://localhost/api/articles"), undefined)
    ).json()) as {
      slug: string;
      url: string | null;
      author: string | null;
    }[];
    expect(listed.find((a) => a.slug === slug)).toMatchObject({
      url: "https://kabarnusantara.example/ekonomi/kereta-sumatra",
      author: "Dewi Lestari Putri",
    });
  });

  it("finds the same story reached by another address (its canonical one) instead of adding it twice", async () => {
    const before = await articleCount();
    const response = await byLink(server.url("/short/kereta"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ duplicate: true });
    expect(await articleCount()).toBe(before);
  });

  it("answers 422 with the reason and stores nothing when the page cannot be had", async () => {
    const before = await articleCount();
    const failed = await byLink(server.url("/broken"));
    expect(failed.status).toBe(422);
    expect(await failed.json()).toMatchObject({ code: "fetchHttpStatus", params: { status: 500 } });
    const notPage = await byLink(server.url("/data.json"));
    expect(notPage.status).toBe(422);
    expect(await notPage.json()).toMatchObject({ code: "extractNotHtml" });
    const scheme = await byLink("file:///etc/passwd");
    expect(await scheme.json()).toMatchObject({ code: "fetchSchemeRefused" });
    expect(await articleCount()).toBe(before);
  });
});

describe("POST /api/articles/import by file", () => {
  it("imports Markdown with front matter", async () => {
    const response = await byFile(
      "pasar.md",
      "---\ntitle: Harga Cabai Naik di Pasar Induk\nsource: Warta Desa\npublishedAt: 2026-11-02\n---\nHarga cabai rawit naik dua kali lipat pekan ini.\n\nPedagang menyebut pasokan dari petani berkurang.\n",
    );
    expect(response.status).toBe(201);
    const stored = await article(((await response.json()) as { slug: string }).slug);
    expect(stored).toMatchObject({
      title: "Harga Cabai Naik di Pasar Induk",
      source: "Warta Desa",
      publishedAt: "2026-11-02",
    });
    expect(stored.paragraphs.map((p) => p.segments.map((s) => s.source).join(" "))).toEqual([
      "Harga cabai rawit naik dua kali lipat pekan ini.",
      "Pedagang menyebut pasokan dari petani berkurang.",
    ]);
  });

  it("imports plain text (first line the title) and a Word document (first heading the title)", async () => {
    const text = await byFile(
      "banjir.txt",
      "Banjir Rendam Ratusan Rumah\n\nHujan deras sejak pagi membuat sungai meluap.\n",
    );
    expect(text.status).toBe(201);
    const fromText = await article(((await text.json()) as { slug: string }).slug);
    expect(fromText.title).toBe("Banjir Rendam Ratusan Rumah");
    expect(fromText.paragraphs[0]?.segments[0]?.source).toBe(
      "Hujan deras sejak pagi membuat sungai meluap.",
    );

    const word = await byFile("panen-raya.docx", fixture("panen-raya.docx"));
    expect(word.status).toBe(201);
    const fromWord = await article(((await word.json()) as { slug: string }).slug);
    expect(fromWord.title).toBe("Panen Raya Padi di Karawang");
    expect(fromWord.paragraphs.map((p) => p.segments.map((s) => s.source).join(" "))).toEqual([
      "KARAWANG - Petani di Karawang memulai panen raya padi pekan ini setelah musim hujan datang tepat waktu.",
      "Dinas pertanian memperkirakan hasil panen naik sepuluh persen dibandingkan tahun lalu.",
    ]);
  });

  it("finds a saved page whose story is already in the library by its text", async () => {
    const before = await articleCount();
    const response = await byFile("kereta.html", fixture("kabar-nusantara.html"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ duplicate: true });
    expect(await articleCount()).toBe(before);
  });

  it("refuses other kinds of file and broken ones with the reason", async () => {
    const before = await articleCount();
    const odt = await byFile("laporan.odt", "PK");
    expect(odt.status).toBe(422);
    expect(await odt.json()).toMatchObject({ code: "importFileType" });
    const pdf = await byFile("laporan.pdf", "%PDF-1.4");
    expect(pdf.status).toBe(422);
    expect(await pdf.json()).toMatchObject({ code: "importFileInvalid" });
    const fakeWord = await byFile("rusak.docx", "bukan dokumen");
    expect(fakeWord.status).toBe(422);
    expect(await fakeWord.json()).toMatchObject({ code: "importFileInvalid" });
    const noTitle = await byFile("kosong.md", "---\nsource: X\n---\nIsi.\n");
    expect(noTitle.status).toBe(422);
    expect(await articleCount()).toBe(before);
  });
});
