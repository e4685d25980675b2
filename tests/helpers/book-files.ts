// EPUB and PDF files written for tests with kept libraries: JSZip for the
// EPUB's archive, pdf-lib for the PDF's pages.
import JSZip from "jszip";
import { PDFDocument, StandardFonts } from "pdf-lib";

export interface EpubChapterSpec {
  file: string;
  /** The table of contents' title; none leaves the chapter out of it. */
  tocTitle?: string;
  body: string;
}

/** An EPUB 3 book with a navigation document, a cover page and the given chapters. */
export async function writeEpub(
  chapters: EpubChapterSpec[],
  options: { title?: string; author?: string; language?: string; encryption?: string } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", "application/epub+zip", { compression: "STORE" });
  zip.file(
    "META-INF/container.xml",
    `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`,
  );
  if (options.encryption) zip.file("META-INF/encryption.xml", options.encryption);
  const xhtml = (body: string) => `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head>
<body>${body}</body></html>`;
  zip.file("OEBPS/cover.xhtml", xhtml(`<div><img src="cover.jpg" alt=""/></div>`));
  zip.file(
    "OEBPS/nav.xhtml",
    xhtml(
      `<nav epub:type="toc"><ol>${chapters
        .filter((c) => c.tocTitle)
        .map((c) => `<li><a href="${c.file}">${c.tocTitle}</a></li>`)
        .join("")}</ol></nav>`,
    ),
  );
  for (const c of chapters) zip.file(`OEBPS/${c.file}`, xhtml(c.body));
  zip.file(
    "OEBPS/content.opf",
    `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>
    <dc:title>${options.title ?? "Kisah Kota Air"}</dc:title>
    <dc:creator>${options.author ?? "Ani Rahman"}</dc:creator>
    <dc:language>${options.language ?? "id"}</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    ${chapters.map((c, i) => `<item id="c${i}" href="${c.file}" media-type="application/xhtml+xml"/>`).join("\n    ")}
  </manifest>
  <spine>
    <itemref idref="cover"/>
    ${chapters.map((_, i) => `<itemref idref="c${i}"/>`).join("\n    ")}
  </spine>
</package>`,
  );
  return zip.generateAsync({ type: "nodebuffer", mimeType: "application/epub+zip" });
}

/** A line of text placed on a PDF page (x, y from the bottom left, in points). */
export interface PdfLine {
  text: string;
  x: number;
  y: number;
  size?: number;
}

/** A PDF with the given lines on each page (Helvetica); a page of no lines has only a drawn box, as a scan has no text. */
export async function writePdf(
  pages: PdfLine[][],
  options: { title?: string } = {},
): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  if (options.title) pdf.setTitle(options.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    if (lines.length === 0)
      page.drawRectangle({ x: 50, y: 50, width: 500, height: 690, borderWidth: 2 });
    for (const line of lines)
      page.drawText(line.text, { x: line.x, y: line.y, size: line.size ?? 11, font });
  }
  return Buffer.from(await pdf.save());
}
