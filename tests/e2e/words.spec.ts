// Saved words in Chromium: saving from the look-up panel, statuses by key,
// marks in the reader (and the setting that hides them), a word met again,
// the Words page with its filters, review and Anki export, both interface
// languages, and each account's own list.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page, test } from "@playwright/test";
import { parse as parseCsv } from "csv-parse/sync";
import { waitForTranslation } from "../helpers/reader-page";

const accountsBase = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 6}`;

async function addArticle(request: APIRequestContext, title: string, text: string) {
  const created = await request.post("/api/articles", { data: { title, text } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { slug: string }).slug;
}

/** The words each status's highlight covers in the reader. */
function marked(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      ["new", "learning", "known"].map((s) => [
        s,
        [...(CSS.highlights.get(`saved-word-${s}`) ?? [])].map((r) => (r as Range).toString()),
      ]),
    ),
  );
}

/** Clicks a word of the Indonesian column where it is drawn. */
async function clickWord(page: Page, segmentId: string, word: string) {
  const box = await page.evaluate(
    ({ id, w }) => {
      const sentence = document.querySelector(`.para.source [data-segment-id="${id}"]`)!;
      const walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? "").indexOf(w);
        if (at < 0) continue;
        const range = new Range();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      throw new Error(`${w} is not in sentence ${id}`);
    },
    { id: segmentId, w: word },
  );
  await page.mouse.click(box.x, box.y);
}

test("save words from the reader, mark them by status, meet one again, review and export them", async ({
  page,
  request,
}) => {
  const tag = Date.now().toString(36);
  const first = await addArticle(
    request,
    `Banjir ${tag}`,
    "Banjir besar merendam rumah warga di Jakarta. Warga mengungsi ke masjid.\n\nPemerintah mengirim bantuan untuk warga.",
  );
  const second = await addArticle(
    request,
    `Pemilu ${tag}`,
    "Warga memilih presiden baru hari ini.",
  );

  await page.goto(`/en/articles/${first}`);
  await waitForTranslation(page);
  const sentences = page.locator(".para.source .sentence");
  const firstId = (await sentences.nth(0).getAttribute("data-segment-id"))!;

  // A click on a word, then S: saved as new.
  await clickWord(page, firstId, "rumah");
  const panel = page.locator(".lookup-panel");
  await expect(panel.getByRole("heading", { name: "rumah" })).toBeVisible();
  await page.keyboard.press("s");
  await expect(panel.getByRole("status")).toHaveText("Saved to your words.");
  await expect(panel.getByRole("button", { name: "1 New" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await panel.getByLabel("Note").fill("house, home");
  await panel.getByRole("button", { name: "2 Learning" }).focus();
  await expect(panel.getByRole("status")).toHaveText("Note saved.");
  await page.keyboard.press("Escape");

  // From the keyboard: focus a sentence, L, pick the word, S, then 2 for learning.
  await sentences.nth(1).focus();
  await page.keyboard.press("l");
  await panel.locator(".lookup-words").getByRole("button", { name: "Warga" }).click();
  await page.keyboard.press("s");
  await expect(panel.getByRole("status")).toHaveText("Saved to your words.");
  await page.keyboard.press("2");
  await expect(panel.getByRole("button", { name: "2 Learning" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.keyboard.press("Escape");

  // Marks by status, in every sentence the words occur in.
  await expect
    .poll(() => marked(page))
    .toEqual({
      new: ["rumah"],
      learning: ["warga", "Warga", "warga"],
      known: [],
    });
  // The reading setting turns them off, and on again.
  await page.locator(".reading-settings summary").click();
  const setting = page.getByLabel("Mark saved words");
  await setting.uncheck();
  await expect.poll(() => marked(page)).toEqual({ new: [], learning: [], known: [] });
  await setting.check();
  await expect
    .poll(() => marked(page))
    .toEqual({
      new: ["rumah"],
      learning: ["warga", "Warga", "warga"],
      known: [],
    });

  // In another article the word is marked, and looking it up adds its sentence.
  await page.goto(`/en/articles/${second}`);
  await waitForTranslation(page);
  await expect.poll(() => marked(page)).toMatchObject({ learning: ["Warga"] });
  const secondId = (await page
    .locator(".para.source .sentence")
    .first()
    .getAttribute("data-segment-id"))!;
  await clickWord(page, secondId, "Warga");
  await expect(panel.getByRole("status")).toHaveText(
    "This sentence was added to the word's sentences.",
  );

  // The Words page: both words, filters, sentences linked to their place.
  await page.goto("/en/words");
  await expect(page.getByRole("status").first()).toHaveText("2 words");
  const warga = page.locator(".word-item", { has: page.getByRole("heading", { name: "warga" }) });
  await expect(warga.locator(".word-contexts li")).toHaveCount(2);
  await expect(warga).toContainText("citizen");
  await page.locator("select[name=status]").selectOption("new");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator(".word-item h2")).toHaveText(["rumah"]);
  await expect(page.locator(".word-item")).toContainText("house, home");
  await page.locator("select[name=status]").selectOption("");
  await page.getByLabel("Article").selectOption({ label: `Pemilu ${tag}` });
  await page.getByLabel("Sort by").selectOption("frequency");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator(".word-item h2")).toHaveText(["warga"]);
  await page.getByLabel("Article").selectOption("");
  await page.getByRole("button", { name: "Show" }).click();
  // warga occurs four times in the library, rumah once.
  await expect(page.locator(".word-item h2")).toHaveText(["warga", "rumah"]);
  await warga.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/en/articles/${first}#s-\\d+$`));
  await page.goBack();

  // Review: the sentence with the word blank, then the word, its senses and the English.
  await page.getByRole("button", { name: "Review these words" }).click();
  const review = page.getByTestId("word-review");
  await expect(review.locator(".review-sentence")).not.toContainText(/warga/i);
  await expect(review.locator(".review-gap")).toHaveCount(1);
  await page.keyboard.press("Space");
  await expect(review.locator(".review-word")).toHaveText("Warga");
  // The page with its list, filters and review open is usable by assistive technology.
  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
  await expect(review).toContainText("citizen");
  await expect(review.locator(".review-english")).not.toBeEmpty();
  await page.keyboard.press("3");
  await expect(review.locator(".review-sentence")).toContainText("merendam");
  await page.keyboard.press("Space");
  await expect(review.locator(".review-word")).toHaveText("rumah");
  await page.keyboard.press("2");
  await expect(review.getByRole("status")).toHaveText("Review finished: 2 words reviewed.");
  await review.getByRole("button", { name: "End review" }).click();
  await expect(warga).toHaveAttribute("data-status", "known");

  // The Anki file of what the page shows, read as Anki reads it: header lines, then tab-separated fields.
  const href = (await page
    .getByRole("link", { name: "Anki deck (text file)" })
    .getAttribute("href"))!;
  const text = await (await request.get(href)).text();
  const lines = text.split("\n");
  const header = Object.fromEntries(
    lines
      .filter((l) => l.startsWith("#"))
      .map((l) => l.slice(1).split(/:(.*)/s).slice(0, 2) as [string, string]),
  );
  expect(header).toMatchObject({
    separator: "tab",
    html: "true",
    notetype: "Basic",
    deck: "Dwibahasa",
    "tags column": "9",
  });
  const notes = parseCsv(lines.filter((l) => !l.startsWith("#")).join("\n"), {
    delimiter: "\t",
    relax_quotes: true,
  }) as string[][];
  const byWord = Object.fromEntries(notes.map((n) => [n[0], n]));
  expect(Object.keys(byWord).sort()).toEqual(["rumah", "warga"]);
  const [word, root, senses, sentence, english, title, address, note, tags] = byWord.warga!;
  expect([word, root, tags]).toEqual(["warga", "warga", "dwibahasa::known"]);
  expect(senses).toContain("citizen");
  expect(sentence).toBe("<b>Warga</b> mengungsi ke masjid.");
  expect(english).not.toBe("");
  expect(title).toBe(`Banjir ${tag}`);
  expect(address).toMatch(new RegExp(`/articles/${first}#s-\\d+`));
  expect(byWord.rumah![7]).toBe("house, home");
  expect(note).toBe("");
});

test("the Words page and its errors in Indonesian", async ({ page }) => {
  await page.goto("/id/words");
  await expect(page.getByRole("heading", { level: 1, name: "Kata" })).toBeVisible();
  await page.getByText("Impor daftar kata").click();
  await page.getByLabel("Berkas CSV").setInputFiles({
    name: "kata.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("word,status\nsungai,baru\nhujan,hafal\n"),
  });
  await page.getByRole("button", { name: "Impor", exact: true }).click();
  const alert = page.locator(".words-import [role=alert]");
  await expect(alert).toContainText("1 baris ditolak, jadi tidak ada kata yang diimpor.");
  await expect(alert).toContainText("Baris 3:");
  await expect(page.locator(".word-item h2", { hasText: "sungai" })).toHaveCount(0);

  await page.getByLabel("Berkas CSV").setInputFiles({
    name: "kata.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("word,status\nsungai,belajar\n"),
  });
  await page.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(page.locator(".words-import [role=status]")).toContainText("1 kata ditambahkan");
  const item = page.locator(".word-item", { has: page.getByRole("heading", { name: "sungai" }) });
  await expect(item.getByRole("button", { name: "Dipelajari" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(item).toContainText("Belum dijumpai di artikel (diimpor).");
  await item.getByRole("button", { name: "Dikenal" }).click();
  await expect(item.getByRole("button", { name: "Dikenal" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await item.getByRole("button", { name: "Hapus" }).click();
  await expect(item).toHaveCount(0);
});

test("with accounts, each person's words are their own", async ({ browser }) => {
  const SEED_SLUG = "000_9df4d0f23bd6c915";
  const signIn = async (email: string) => {
    const context = await browser.newContext({ baseURL: accountsBase });
    const page = await context.newPage();
    await page.goto("/en/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".account-menu")).toBeVisible();
    return { context, page };
  };
  const reader = await signIn("reader@example.org");
  await reader.page.goto(`/en/articles/${SEED_SLUG}`);
  const sentence = reader.page.locator(".para.source .sentence").first();
  const panel = reader.page.locator(".lookup-panel");
  const picked = panel.locator(".lookup-words button").first();
  // The page may still be starting its scripts when the key is first pressed.
  await expect(async () => {
    await sentence.focus();
    await reader.page.keyboard.press("l");
    await expect(picked).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const form = (await picked.textContent())!;
  await picked.click();
  await reader.page.keyboard.press("s");
  await expect(panel.getByRole("status")).toHaveText("Saved to your words.");
  await reader.page.goto("/en/words");
  await expect(reader.page.locator(".word-item")).toHaveCount(1);

  const editor = await signIn("editor@example.org");
  await editor.page.goto("/en/words");
  await expect(editor.page.getByText("No saved words yet.", { exact: false })).toBeVisible();
  await editor.page.goto(`/en/articles/${SEED_SLUG}`);
  await expect(editor.page.locator(".para.source .sentence").first()).toBeVisible();
  await expect.poll(() => marked(editor.page)).toEqual({ new: [], learning: [], known: [] });
  await reader.page.goto(`/en/articles/${SEED_SLUG}`);
  await expect.poll(async () => (await marked(reader.page)).new).toContain(form);
  await reader.context.close();
  await editor.context.close();
});
