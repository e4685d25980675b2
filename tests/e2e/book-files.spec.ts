// Books and PDFs through "Add article → File" in Chromium: an EPUB's chapters
// picked from their titles, a PDF report, the same file twice, and a scan
// refused in the interface language. The files are written with JSZip and pdf-lib.
import { expect, test } from "@playwright/test";
import { writeEpub, writePdf } from "../helpers/book-files";

// These uploads count against the per-address import limit (10 a minute), which
// the specs after this one draw on too: leave them a fresh minute.
test.afterAll(async () => {
  test.setTimeout(90_000);
  await new Promise((resolve) => setTimeout(resolve, 61_000));
});

test("an EPUB's chapters are picked and added; the same book again links to what is there", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const book = await writeEpub(
    [
      {
        file: "satu.xhtml",
        tocTitle: `Bab Satu ${stamp}`,
        body: `<h1>Bab Satu</h1><p>Putin bertemu Shoigu di Moskow.<a epub:type="noteref" href="#n1">1</a></p><aside epub:type="footnote" id="n1"><p>Catatan kaki.</p></aside>`,
      },
      {
        file: "dua.xhtml",
        tocTitle: `Bab Dua ${stamp}`,
        body: "<h1>Bab Dua</h1><p>Shoigu dan Lavrov bertemu di Korut.</p>",
      },
      {
        file: "tiga.xhtml",
        tocTitle: `Bab Tiga ${stamp}`,
        body: "<h1>Bab Tiga</h1><p>Kim bertemu Putin di Rusia.</p>",
      },
    ],
    { title: `Buku ${stamp}` },
  );
  const file = { name: "buku.epub", mimeType: "application/epub+zip", buffer: book };
  await page.goto("/en/articles/new?tab=file");
  await page.getByLabel("File", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Import file" }).click();
  const chapters = page.locator("fieldset.epub-chapters");
  await expect(chapters.locator("legend")).toHaveText(`Chapters of “Buku ${stamp}” · Ani Rahman`);
  await expect(chapters.getByRole("checkbox")).toHaveCount(3);
  await chapters.getByLabel(`2. Bab Dua ${stamp}`).uncheck();
  await page.getByRole("button", { name: "Add 2 chapters" }).click();
  const added = page.locator(".saved[role=status]");
  await expect(added).toContainText("2 articles were added:");
  await expect(added.getByRole("link")).toHaveText([`Bab Satu ${stamp}`, `Bab Tiga ${stamp}`]);
  await added.getByRole("link", { name: `Bab Satu ${stamp}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bab Satu ${stamp}`);
  // The chapter's own heading stays as its first paragraph; the footnote marker and note do not.
  await expect(page.locator(".para.source")).toHaveText([
    "Bab Satu",
    "Putin bertemu Shoigu di Moskow.",
  ]);
  await expect(page.locator(".article-meta")).toContainText(`Buku ${stamp}`);

  // The same book again: the chapters added before are marked, the third can still come in.
  await page.goto("/en/articles/new?tab=file");
  await page.getByLabel("File", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(chapters.getByRole("checkbox", { disabled: true })).toHaveCount(2);
  await expect(chapters.getByRole("link", { name: "added before" })).toHaveCount(2);
  await page.getByRole("button", { name: "Add 1 chapter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bab Dua ${stamp}`);
});

test("a PDF comes in as paragraphs; the same PDF again and a scan are refused, in Indonesian too", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const pdf = await writePdf(
    [
      [
        { text: "Laporan Harian", x: 50, y: 760, size: 9 },
        { text: "Putin bertemu Shoigu di Mos-", x: 50, y: 700 },
        { text: "kow. Shoigu dan Lavrov bertemu di Korut.", x: 50, y: 686 },
        { text: "1", x: 303, y: 30, size: 9 },
      ],
      [
        { text: "Laporan Harian", x: 50, y: 760, size: 9 },
        { text: "Kim bertemu Putin di Rusia.", x: 50, y: 700 },
        { text: "2", x: 303, y: 30, size: 9 },
      ],
    ],
    { title: `Laporan ${stamp}` },
  );
  const file = { name: "laporan.pdf", mimeType: "application/pdf", buffer: pdf };
  await page.goto("/id/articles/new?tab=file");
  await page.getByLabel("Berkas", { exact: true }).setInputFiles(file);
  await page.locator("form.add-article button[type=submit]").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Laporan ${stamp}`);
  await expect(page.locator(".para.source")).toHaveText([
    "Putin bertemu Shoigu di Moskow. Shoigu dan Lavrov bertemu di Korut.",
    "Kim bertemu Putin di Rusia.",
  ]);
  const url = page.url();

  await page.goto("/id/articles/new?tab=file");
  await page.getByLabel("Berkas", { exact: true }).setInputFiles(file);
  await page.locator("form.add-article button[type=submit]").click();
  await expect(page.locator(".notice[role=alert]")).toContainText(
    `Berkas ini sudah pernah ditambahkan, sebagai “Laporan ${stamp}”.`,
  );
  await page.locator(".notice[role=alert]").getByRole("link", { name: "Buka" }).click();
  await expect(page).toHaveURL(url);

  await page.goto("/id/articles/new?tab=file");
  await page.getByLabel("Berkas", { exact: true }).setInputFiles({
    name: "pindaian.pdf",
    mimeType: "application/pdf",
    buffer: await writePdf([[]]),
  });
  await page.locator("form.add-article button[type=submit]").click();
  await expect(page.locator(".notice[role=alert]")).toContainText(
    "PDF ini tidak punya lapisan teks (hasil pindaian atau gambar halaman)",
  );
});
