import { describe, it, expect } from "vitest";
import { articleToHtml, articleToMarkdown, escapeMarkdown } from "@/lib/export/bilingual";
import type { ExportArticle, ExportSegment } from "@/lib/export/types";

let nextId = 1;
function seg(source: string, text: string | null): ExportSegment {
  const id = nextId++;
  return {
    id,
    source,
    translation:
      text === null
        ? null
        : {
            text,
            origin: "machine",
            reviewed: false,
            revisionId: id * 10,
            createdAt: "2024-05-01T10:00:00.000Z",
          },
  };
}

const article: ExportArticle = {
  slug: "harga-beras",
  title: "Harga beras <naik> & stabil",
  source: "Kantor Berita <Antara>",
  publishedAt: "2024-05-01",
  paragraphs: [
    // Deliberately out of order: the export sorts by index.
    { index: 2, segments: [seg("Paragraf ketiga.", null), seg("Belum diterjemahkan.", null)] },
    {
      index: 0,
      segments: [
        seg("Harga beras naik.", "Rice prices rose."),
        seg("Pedagang | pembeli.", "Traders | buyers."),
      ],
    },
    {
      index: 1,
      segments: [
        seg("Kalimat <b>tebal</b>.", "<script>alert(1)</script>"),
        seg("Kalimat kedua.", null),
        seg("Baris\nbaru.", "Line\nbreak."),
      ],
    },
    { index: 3, segments: [] },
  ],
};

describe("articleToHtml", () => {
  for (const layout of ["side", "interleaved"] as const) {
    describe(layout, () => {
      const html = articleToHtml(article, layout);

      it("is a complete standalone document", () => {
        expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
        expect(html).toContain('<meta charset="utf-8">');
        expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
        expect(html).toContain("<title>Harga beras &lt;naik&gt; &amp; stabil</title>");
        expect(html.trimEnd().endsWith("</html>")).toBe(true);
      });

      it("escapes everything user-provided", () => {
        expect(html).not.toContain("<script>");
        expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        expect(html).toContain("Kalimat &lt;b&gt;tebal&lt;/b&gt;.");
        expect(html).not.toContain("<Antara>");
        expect(html).toContain("Kantor Berita &lt;Antara&gt;");
        expect(html).toContain('<time datetime="2024-05-01">2024-05-01</time>');
        // The only <b> / <script> tags are none at all: markup comes only from the template.
        expect(html).not.toMatch(/<(b|script)>/);
      });

      it("marks Indonesian and English text with lang attributes", () => {
        expect(html).toContain('<h1 lang="id">');
        const id = html.match(/<(td|p)[^>]* lang="id">/g) ?? [];
        const en = html.match(/<(td|p)[^>]* lang="en">/g) ?? [];
        // Three non-empty paragraphs; the one without segments is skipped.
        expect(id).toHaveLength(3);
        expect(en).toHaveLength(3);
      });

      it("shows untranslated sentences as a placeholder, one per run", () => {
        expect(html).toContain(
          '&lt;script&gt;alert(1)&lt;/script&gt; <span class="untranslated" title="Not translated yet">—</span> Line<br>break.',
        );
        expect(html).toMatch(/lang="en">(<span class="untranslated"[^>]*>—<\/span>)<\/(td|p)>/);
      });

      it("keeps paragraph order", () => {
        expect(html.indexOf("Harga beras naik.")).toBeLessThan(html.indexOf("Kalimat &lt;b&gt;"));
        expect(html.indexOf("Kalimat &lt;b&gt;")).toBeLessThan(html.indexOf("Paragraf ketiga."));
      });
    });
  }

  it("uses a two-column table side by side and paragraphs when interleaved", () => {
    const side = articleToHtml(article, "side");
    expect(side).toContain('<th scope="col">Indonesian</th><th scope="col">English</th>');
    expect(side).toContain(
      '<tr><td lang="id">Harga beras naik. Pedagang | pembeli.</td><td lang="en">Rice prices rose. Traders | buyers.</td></tr>',
    );

    const interleaved = articleToHtml(article, "interleaved");
    expect(interleaved).not.toContain("<table");
    expect(interleaved).toContain(
      '<p class="id" lang="id">Harga beras naik. Pedagang | pembeli.</p>\n    <p class="en" lang="en">Rice prices rose. Traders | buyers.</p>',
    );
  });

  it("omits missing source and date", () => {
    const html = articleToHtml({ ...article, source: null, publishedAt: null }, "side");
    expect(html).not.toContain('class="meta"');
  });
});

describe("articleToMarkdown", () => {
  it("side by side: one table row per paragraph, with | and line breaks escaped", () => {
    const md = articleToMarkdown(article, "side");
    expect(md).toBe(
      [
        "# Harga beras \\<naik\\> & stabil",
        "",
        "Source: Kantor Berita \\<Antara\\> · Published: 2024-05-01",
        "",
        "| Indonesian | English |",
        "| --- | --- |",
        "| Harga beras naik. Pedagang \\| pembeli. | Rice prices rose. Traders \\| buyers. |",
        "| Kalimat \\<b\\>tebal\\</b\\>. Kalimat kedua. Baris<br>baru. | \\<script\\>alert(1)\\</script\\> — Line<br>break. |",
        "| Paragraf ketiga. Belum diterjemahkan. | — |",
        "",
      ].join("\n"),
    );
    // Every row has exactly three unescaped pipes (two cells).
    for (const row of md.split("\n").filter((l) => l.startsWith("| "))) {
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
    }
  });

  it("interleaved: each Indonesian paragraph followed by its English blockquote", () => {
    const md = articleToMarkdown(article, "interleaved");
    expect(md).toBe(
      [
        "# Harga beras \\<naik\\> & stabil",
        "",
        "Source: Kantor Berita \\<Antara\\> · Published: 2024-05-01",
        "",
        "Harga beras naik. Pedagang \\| pembeli.",
        "",
        "> Rice prices rose. Traders \\| buyers.",
        "",
        "Kalimat \\<b\\>tebal\\</b\\>. Kalimat kedua. Baris\\",
        "baru.",
        "",
        "> \\<script\\>alert(1)\\</script\\> — Line\\",
        "> break.",
        "",
        "Paragraf ketiga. Belum diterjemahkan.",
        "",
        "> —",
        "",
      ].join("\n"),
    );
  });

  it("escapes Markdown syntax so text renders literally", () => {
    expect(escapeMarkdown("*tebal* _miring_ [tautan](x) `kode` ~~coret~~")).toBe(
      "\\*tebal\\* \\_miring\\_ \\[tautan\\](x) \\`kode\\` \\~\\~coret\\~\\~",
    );
    expect(escapeMarkdown("# Judul")).toBe("\\# Judul");
    expect(escapeMarkdown("- butir")).toBe("\\- butir");
    expect(escapeMarkdown("2024. Tahun")).toBe("2024\\. Tahun");
    expect(escapeMarkdown("AT&T &amp; co")).toBe("AT&T \\&amp; co");
    expect(escapeMarkdown("a\\b")).toBe("a\\\\b");
  });
});
