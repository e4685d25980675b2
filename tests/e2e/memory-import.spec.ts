import { expect, test } from "@playwright/test";

const SENTENCE = "Pameran buku internasional dibuka di Jakarta pekan ini.";
const TRANSLATION = "The international book fair opened in Jakarta this week.";

test("a TMX file imported from the library page fills a sentence of the library", async ({
  page,
  request,
}) => {
  const title = `Pameran ${Date.now()}`;
  const created = await request.post("/api/articles", { data: { title, text: SENTENCE } });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };

  const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="x" adminlang="en" srclang="id" datatype="plaintext"/>
<body><tu><tuv xml:lang="id"><seg>${SENTENCE}</seg></tuv><tuv xml:lang="en"><seg>${TRANSLATION}</seg></tuv></tu></body></tmx>`;

  await page.goto("/en");
  await page.getByText("Import a translation memory (TMX)").click();
  await page
    .getByLabel("TMX file")
    .setInputFiles({ name: "memory.tmx", mimeType: "application/xml", buffer: Buffer.from(tmx) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.locator(".memory-import [role=status]")).toContainText(
    "1 sentence pair imported",
  );

  // A broken file is refused with its reason, in the interface language.
  await page.goto("/id");
  await page.getByText("Impor memori terjemahan (TMX)").click();
  await page.getByLabel("Berkas TMX").setInputFiles({
    name: "broken.tmx",
    mimeType: "application/xml",
    buffer: Buffer.from('<tmx version="1.4"><header'),
  });
  await page.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(page.locator(".memory-import [role=alert]")).toContainText(
    "Berkas TMX tidak dapat diimpor",
  );

  await page.goto(`/en/articles/${slug}`);
  await expect(page.locator(".para.target", { hasText: TRANSLATION })).toBeVisible();
});
