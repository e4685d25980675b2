// How lib/extraction/pdf.ts puts a PDF's positioned text back in order, on
// PDFs written with pdf-lib: a page set word by word stays one column, and
// numbered running footers ("Halaman 2 dari 3") are left out.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { readPdf } from "@/lib/extraction/pdf";

/** Each word drawn on its own, as many PDF makers do, in lines of `perLine` words across the page. */
async function wordByWordPdf(texts: string[], perLine: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages = texts.length;
  for (const [index, text] of texts.entries()) {
    const n = index + 1;
    const words = text.split(" ");
    const page = pdf.addPage([612, 792]);
    let y = 700;
    for (let i = 0; i < words.length; i += perLine) {
      let x = 50;
      for (const word of words.slice(i, i + perLine)) {
        page.drawText(word, { x, y, size: 11, font });
        x += font.widthOfTextAtSize(`${word} `, 11) + 8;
      }
      y -= 14;
    }
    page.drawText(`Halaman ${n} dari ${pages}`, { x: 260, y: 30, size: 9, font });
  }
  return Buffer.from(await pdf.save());
}

describe("reading a PDF's text layer", () => {
  it("keeps a page set word by word in one column, in order", async () => {
    const text =
      "Pemerintah provinsi mengumumkan rencana baru untuk memperbaiki saluran air di seluruh kota sebelum musim hujan tiba tahun depan.";
    const { paragraphs } = await readPdf(await wordByWordPdf([text], 8), "kata.pdf");
    expect(paragraphs).toEqual([text]);
  });

  it("leaves out a numbered running footer on every page", async () => {
    const texts = [
      "Hujan turun sepanjang malam di Bogor dan sekitarnya.",
      "Sungai Ciliwung meluap menjelang pagi hari.",
      "Warga diminta tetap waspada sampai akhir pekan.",
    ];
    const { paragraphs } = await readPdf(await wordByWordPdf(texts, 4), "hujan.pdf");
    expect(paragraphs).toEqual(texts);
  });
});
