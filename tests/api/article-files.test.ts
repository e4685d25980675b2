// EPUB books and PDF reports through POST /api/articles/import, written by the
// test with kept libraries (tests/helpers/book-files.ts): chapters, paragraphs,
// columns, hyphenation, running headers and page numbers, the bad files, and
// the same file added twice.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getArticle } from "@/app/api/articles/[slug]/route";
import { POST as importArticle } from "@/app/api/articles/import/route";
import type { Db } from "@/lib/db/client";
import { MAX_UPLOAD_BYTES } from "@/lib/http";
import { writeEpub, writePdf, type PdfLine } from "../helpers/book-files";
import { freshDb } from "../helpers/db";

let db: Db;
beforeEach(() => {
  db = freshDb().db;
});

async function upload(
  name: string,
  content: Buffer | string,
  fields: Record<string, string> = {},
  query = "",
) {
  const form = new FormData();
  form.append(
    "file",
    new File([typeof content === "string" ? content : new Uint8Array(content)], name),
  );
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const response = await importArticle(
    new Request(`http://localhost/api/articles/import${query}`, { method: "POST", body: form }),
    undefined,
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { code?: string },
  };
}

async function article(slug: string) {
  const response = await getArticle(new Request(`http://localhost/api/articles/${slug}`), {
    params: Promise.resolve({ slug }),
  });
  const body = (await response.json()) as {
    title: string;
    source: string | null;
    author: string | null;
    paragraphs: { segments: { source: string }[] }[];
  };
  return { ...body, text: body.paragraphs.map((p) => p.segments.map((s) => s.source).join(" ")) };
}

const chapters = [
  {
    file: "bab1.xhtml",
    tocTitle: "Bab Satu: Pagi di Tepi Sungai",
    body: `<h1>Bab Satu: Pagi di Tepi Sungai</h1>
<p>Air sungai naik sejak subuh.<a epub:type="noteref" href="#fn1"><sup>1</sup></a> Warga mulai mengangkat barang.</p>
<h2>Perahu pertama</h2>
<p>Pak Budi menyiapkan perahu<sup>2</sup> di depan rumahnya.</p>
<aside epub:type="footnote" id="fn1"><p>Catatan: sungai itu bernama Ciliwung.</p></aside>`,
  },
  {
    file: "bab2.xhtml",
    tocTitle: "Bab Dua: Malam",
    body: `<section><h1>Bab Dua</h1><p>Malam itu hujan turun lagi.</p><ul><li><p>Anak-anak tidur di masjid.</p></li></ul></section>`,
  },
];

describe("EPUB books", () => {
  it("lists the chapters with their titles and adds nothing", async () => {
    const book = await writeEpub(chapters);
    const preview = await upload("kisah.epub", book, {}, "?preview=1");
    expect(preview).toEqual({
      status: 200,
      body: {
        title: "Kisah Kota Air",
        author: "Ani Rahman",
        language: "id",
        chapters: [
          { index: 1, title: "Bab Satu: Pagi di Tepi Sungai", paragraphs: 4, existing: null },
          { index: 2, title: "Bab Dua: Malam", paragraphs: 3, existing: null },
        ],
      },
    });
    expect(await db.article.count()).toBe(0);
  });

  it("adds every chapter as an article with headings and paragraphs, footnotes left out", async () => {
    const result = await upload("kisah.epub", await writeEpub(chapters));
    expect(result.status).toBe(201);
    expect(result.body.added).toEqual([
      { slug: expect.any(String), title: "Bab Satu: Pagi di Tepi Sungai" },
      { slug: expect.any(String), title: "Bab Dua: Malam" },
    ]);
    const [one, two] = result.body.added as { slug: string }[];
    const first = await article(one!.slug);
    expect(first).toMatchObject({ source: "Kisah Kota Air", author: "Ani Rahman" });
    expect(first.text).toEqual([
      "Air sungai naik sejak subuh. Warga mulai mengangkat barang.",
      "Perahu pertama",
      "Pak Budi menyiapkan perahu di depan rumahnya.",
    ]);
    expect((await article(two!.slug)).text).toEqual([
      "Bab Dua",
      "Malam itu hujan turun lagi.",
      "Anak-anak tidur di masjid.",
    ]);
    expect((await db.article.findFirst({ where: { slug: one!.slug } }))!.language).toBe("id");
  });

  it("adds only the chapters asked for; the rest later; the whole book twice is refused with a link", async () => {
    const book = await writeEpub(chapters);
    const second = await upload("kisah.epub", book, { chapters: "2" });
    expect((second.body.added as { title: string }[]).map((a) => a.title)).toEqual([
      "Bab Dua: Malam",
    ]);
    const rest = await upload("kisah.epub", book);
    expect(rest.status).toBe(201);
    expect((rest.body.added as { title: string }[]).map((a) => a.title)).toEqual([
      "Bab Satu: Pagi di Tepi Sungai",
    ]);
    expect(rest.body.existing).toEqual([
      { slug: (second.body.added as { slug: string }[])[0]!.slug, title: "Bab Dua: Malam" },
    ]);
    const again = await upload("salinan.epub", book);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: "importFileDuplicate",
      slug: (rest.body.added as { slug: string }[])[0]!.slug,
    });
    expect(await db.article.count()).toBe(2);
    const wrong = await upload("kisah.epub", book, { chapters: "3" });
    expect(wrong.body).toMatchObject({ code: "importChaptersInvalid", params: { maximum: 2 } });
  });

  it("keeps a part's title page, which has nothing but its heading, as its text", async () => {
    const result = await upload(
      "bagian.epub",
      await writeEpub([
        { file: "bagian.xhtml", tocTitle: "Bagian Satu", body: "<h1>Bagian Satu</h1>" },
        ...chapters,
      ]),
    );
    const [part] = result.body.added as { slug: string; title: string }[];
    expect(part!.title).toBe("Bagian Satu");
    expect((await article(part!.slug)).text).toEqual(["Bagian Satu"]);
  });

  it("refuses a DRM-protected book and a broken one, and adds nothing", async () => {
    const drm = await writeEpub(chapters, {
      encryption: `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
  <enc:CipherData><enc:CipherReference URI="OEBPS/bab1.xhtml"/></enc:CipherData></enc:EncryptedData>
</encryption>`,
    });
    expect((await upload("drm.epub", drm)).body.code).toBe("importEpubProtected");
    expect((await upload("drm.epub", drm, {}, "?preview=1")).body.code).toBe("importEpubProtected");
    // Obfuscated fonts alone are not DRM.
    const fonts = await writeEpub(chapters, {
      encryption: `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
  <enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData>
</encryption>`,
    });
    expect((await upload("fonts.epub", fonts, {}, "?preview=1")).status).toBe(200);
    const book = await writeEpub(chapters);
    const broken = await upload("rusak.epub", book.subarray(0, book.length / 2));
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe("importFileInvalid");
    expect(await db.article.count()).toBe(0);
  });
});

/** A two-column page: a title across both, a running header, a page number. */
function reportPages(): PdfLine[][] {
  const header = { text: "Laporan Tahunan 2024 - Badan Penanggulangan", x: 50, y: 760, size: 9 };
  const column = (x: number, lines: (string | null)[]) => {
    let y = 680;
    return lines
      .map((text) => {
        const line = text === null ? null : { text, x, y };
        y -= text === null ? 14 : 14;
        return line;
      })
      .filter((l): l is PdfLine => l !== null);
  };
  return [
    [
      header,
      { text: "Banjir di Ibu Kota", x: 200, y: 720, size: 20 },
      ...column(50, [
        "Banjir besar merendam ribuan rumah",
        "di Jakarta pada awal tahun. Pemba-",
        "ngunan tanggul belum selesai.",
        null,
        "Anak-anak mengungsi bersama orang",
        "tua mereka. Banyak anak-",
        "anak tidur di masjid dan sekolah",
      ]),
      ...column(320, [
        "yang dekat dengan sungai.",
        null,
        "Pemerintah mengirim bantuan makanan.",
        "Relawan membagikan air bersih kepada",
      ]),
      { text: "1", x: 303, y: 30, size: 9 },
    ],
    [
      header,
      ...column(50, [
        "warga di pengungsian yang tersebar di tiga kecamatan di sepanjang sungai.",
        null,
        "Hujan diperkirakan turun lagi minggu depan.",
      ]),
      { text: "2", x: 303, y: 30, size: 9 },
    ],
  ];
}

describe("PDF reports", () => {
  it("reads the text layer in reading order: columns, broken words, running headers and page numbers", async () => {
    const result = await upload(
      "laporan.pdf",
      await writePdf(reportPages(), { title: "Laporan Banjir 2024" }),
    );
    expect(result.status).toBe(201);
    const added = (result.body.added as { slug: string; title: string }[])[0]!;
    expect(added.title).toBe("Laporan Banjir 2024");
    expect((await article(added.slug)).text).toEqual([
      "Banjir di Ibu Kota",
      "Banjir besar merendam ribuan rumah di Jakarta pada awal tahun. Pembangunan tanggul belum selesai.",
      "Anak-anak mengungsi bersama orang tua mereka. Banyak anak-anak tidur di masjid dan sekolah yang dekat dengan sungai.",
      "Pemerintah mengirim bantuan makanan. Relawan membagikan air bersih kepada warga di pengungsian yang tersebar di tiga kecamatan di sepanjang sungai.",
      "Hujan diperkirakan turun lagi minggu depan.",
    ]);
  });

  it("takes the first paragraph as the title when the PDF has none", async () => {
    const result = await upload(
      "catatan.pdf",
      await writePdf([
        [
          { text: "Catatan Rapat", x: 50, y: 700, size: 18 },
          { text: "Rapat dimulai pukul sembilan pagi.", x: 50, y: 670 },
        ],
      ]),
    );
    expect(result.body).toMatchObject({ added: [{ title: "Catatan Rapat" }] });
    const added = (result.body.added as { slug: string; title: string }[])[0]!;
    expect((await article(added.slug)).text).toEqual(["Rapat dimulai pukul sembilan pagi."]);
  });

  it("refuses a scan without text, a broken file and one over the size limit, and adds nothing", async () => {
    const scan = await upload("pindaian.pdf", await writePdf([[], []]));
    expect(scan.status).toBe(422);
    expect(scan.body.code).toBe("importPdfNoText");
    const pdf = await writePdf(reportPages());
    const broken = await upload("rusak.pdf", pdf.subarray(0, 200));
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe("importFileInvalid");
    const large = await upload("besar.pdf", Buffer.concat([pdf, Buffer.alloc(MAX_UPLOAD_BYTES)]));
    expect(large.status).toBe(422);
    expect(large.body.code).toBe("uploadTooLarge");
    expect(await db.article.count()).toBe(0);
  });
});

describe("the same file twice", () => {
  it("is refused for every kind of file, with the article already there", async () => {
    const files: [string, Buffer | string][] = [
      ["laporan.pdf", await writePdf(reportPages(), { title: "Laporan" })],
      ["catatan.md", "---\ntitle: Catatan Banjir\n---\nAir naik di Kampung Melayu.\n"],
      ["catatan.txt", "Catatan Hujan\nHujan turun sepanjang malam di Bogor.\n"],
      [
        "halaman.html",
        "<html><head><title>Berita Banjir</title></head><body><article><h1>Berita Banjir</h1><p>Banjir melanda Bekasi pada Senin pagi dan merendam ratusan rumah warga di sana.</p><p>Petugas mengevakuasi warga dengan perahu karet sepanjang hari.</p></article></body></html>",
      ],
    ];
    for (const [name, content] of files) {
      const first = await upload(name, content);
      expect(first.status, name).toBe(201);
      const count = await db.article.count();
      const second = await upload(`copy-of-${name}`, content);
      expect(second.status, name).toBe(409);
      expect(second.body, name).toMatchObject({
        code: "importFileDuplicate",
        slug: first.body.slug,
      });
      expect(await db.article.count(), name).toBe(count);
    }
  });
});
