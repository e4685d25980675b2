import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { toDraft } from "@/lib/content/import";
import { extractArticle } from "@/lib/extraction/extract";

const page = (name: string) => fs.readFileSync(`tests/fixtures/pages/${name}`, "utf8");

describe("extractArticle", () => {
  it("keeps the article's paragraphs, dateline and quotes, and nothing of the site around them", () => {
    const article = extractArticle(
      page("kabar-nusantara.html"),
      "https://kabarnusantara.example/x?utm=1",
    );
    expect(article).not.toBeNull();
    const draft = toDraft(
      {
        slug: "x",
        title: article!.title,
        source: article!.source,
        publishedAt: article!.publishedAt,
        language: "id",
      },
      article!.body,
    );
    expect(draft.paragraphs.map((sentences) => sentences.join(" "))).toEqual([
      "MEDAN - Pemerintah akan membangun jalur kereta baru sepanjang 120 kilometer yang menghubungkan Medan dengan Rantau Prapat mulai tahun depan.",
      'Menteri Perhubungan mengatakan proyek itu akan memangkas waktu tempuh dari tujuh jam menjadi kurang dari tiga jam. "Kami ingin warga bisa bepergian dengan murah dan aman," ujarnya di Medan, Senin.',
      "Menurut dia, anggaran proyek mencapai Rp 18 triliun dan sebagian berasal dari kerja sama dengan pihak swasta.",
      "Pengamat transportasi dari Universitas Sumatera Utara menilai rencana itu perlu dibarengi dengan perbaikan layanan bus pengumpan di setiap stasiun.",
      "Warga di sekitar jalur yang direncanakan berharap pembebasan lahan dilakukan secara adil dan terbuka.",
    ]);
  });

  it("reads the title, outlet, author, date and canonical address", () => {
    const article = extractArticle(
      page("kabar-nusantara.html"),
      "https://kabarnusantara.example/x?utm=1",
    );
    expect(article).toMatchObject({
      title: "Pemerintah Perluas Jaringan Kereta di Sumatra",
      source: "Kabar Nusantara",
      author: "Dewi Lestari Putri",
      publishedAt: "2026-11-30",
      url: "https://kabarnusantara.example/ekonomi/kereta-sumatra",
    });
  });

  it("finds no article on a page without one", () => {
    expect(
      extractArticle("<html><body><nav><a href='/'>Home</a></nav></body></html>", null),
    ).toBeNull();
  });
});
