import { expect, test, type Page } from "@playwright/test";

// The third server of playwright.config.ts (E2E_PORT + 5): the seed content plus 5,000
// articles and 10,000 glossary entries that occur in none of them.
const BASE = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 5}`;
const SEED_SLUG = "000_9df4d0f23bd6c915";

async function slugsOn(page: Page): Promise<string[]> {
  return page
    .locator(".article-card")
    .evaluateAll((cards) => cards.map((c) => c.getAttribute("data-slug") ?? ""));
}

test("the library pages through 5,005 articles, newest first, with filters and search", async ({
  page,
}) => {
  await page.goto(`${BASE}/en`);
  await expect(page.getByTestId("library-count")).toHaveText("1–20 of 5,005 articles");
  const first = await slugsOn(page);
  expect(first).toHaveLength(20);
  // The seed articles are the newest.
  expect(first.slice(0, 5)).toContain(SEED_SLUG);

  const seen = new Set(first);
  for (let n = 2; n <= 4; n++) {
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByTestId("library-count")).toHaveText(
      `${(n - 1) * 20 + 1}–${n * 20} of 5,005 articles`,
    );
    await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(`Page ${n} of 251`);
    const slugs = await slugsOn(page);
    expect(slugs).toHaveLength(20);
    for (const slug of slugs) expect(seen.has(slug)).toBe(false);
    slugs.forEach((s) => seen.add(s));
  }
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByTestId("library-count")).toHaveText("41–60 of 5,005 articles");

  await page.goto(`${BASE}/en?page=251`);
  await expect(page.getByTestId("library-count")).toHaveText("5,001–5,005 of 5,005 articles");
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  // Filters and the search box, kept while paging.
  await page.goto(`${BASE}/en`);
  await page.locator('.library-filters select[name="source"]').selectOption("Tempo");
  await page.locator(".library-filters").getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("library-count")).toHaveText("1–20 of 1,250 articles");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("library-count")).toHaveText("21–40 of 1,250 articles");
  await expect(page.locator(".article-card").first()).toContainText("Tempo");

  await page.goto(`${BASE}/en`);
  await page.locator(".library-filters").getByLabel("Title or source").fill("nomor 4999");
  await page.locator(".library-filters").getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("library-count")).toHaveText("1–1 of 1 article");
  await expect(page.locator(".article-card h2")).toHaveText("Arsip berita nomor 4999");

  await page.goto(`${BASE}/en`);
  await page.locator('.library-filters select[name="translation"]').selectOption("untranslated");
  await page.locator(".library-filters").getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("library-count")).toHaveText(/of 5,00\d articles/);
});

test("the glossary pages through 10,044 entries", async ({ page }) => {
  await page.goto(`${BASE}/en/glossary`);
  await expect(page.getByTestId("glossary-count")).toHaveText("1–100 of 10,044 entries");
  const terms = () =>
    page
      .locator(".glossary-table tbody tr td:first-child")
      .evaluateAll((cells) => cells.map((c) => c.textContent ?? ""));
  const first = await terms();
  expect(first).toHaveLength(100);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("glossary-count")).toHaveText("101–200 of 10,044 entries");
  const second = await terms();
  expect(second).toHaveLength(100);
  expect(second.some((t) => first.includes(t))).toBe(false);
  // Name order continues from one page to the next.
  expect(first.at(-1)!.localeCompare(second[0]!, "id")).toBeLessThan(0);

  await page.goto(`${BASE}/en/glossary?tab=entries&page=101`);
  await expect(page.getByTestId("glossary-count")).toHaveText("10,001–10,044 of 10,044 entries");

  await page.goto(`${BASE}/id/glossary`);
  await page.locator(".glossary-filters").getByLabel("Cari").fill("Politbiro");
  await page.locator(".glossary-filters").getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByTestId("glossary-count")).toHaveText("1–1 dari 1 entri");
});

test("the reader page carries only its article's terms and its own messages", async ({
  page,
  request,
}) => {
  const response = await request.get(`${BASE}/en/articles/${SEED_SLUG}`);
  const html = await response.text();
  expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60 * 1024);
  // None of the 10,000 entries that do not occur in the article (their terms are "Qz" and
  // letters of "qxzvjw", scripts/content/fill-library.ts), no glossary-page message. Whole
  // words only: the build's random id and the nonce hold "Qz" now and then.
  expect(html).not.toMatch(/\bQz[qxzvjw]+\b/);
  expect(html).not.toContain("Greater ");
  await page.goto(`${BASE}/en/articles/${SEED_SLUG}`);
  const term = page.locator(".para.source .term", { hasText: "Politbiro" }).first();
  await expect(term).toBeVisible();
  await term.hover();
  await expect(page.getByRole("tooltip")).toContainText("Politburo");
});
