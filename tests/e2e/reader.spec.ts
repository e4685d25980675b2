import { expect, test, type Page } from "@playwright/test";

const SEED_SLUG = "000_9df4d0f23bd6c915";

async function progressOf(page: Page) {
  const bar = page.locator(".reader-toolbar [role=progressbar]");
  return {
    now: Number(await bar.getAttribute("aria-valuenow")),
    max: Number(await bar.getAttribute("aria-valuemax")),
  };
}

test("the library lists every seed article with its source, date, sentences and progress", async ({
  page,
}) => {
  const seeds = [
    "000_9df4d0f23bd6c915",
    "001_cda18cd7148e19f9",
    "002_e0fdb214c7fbc621",
    "003_b42bc007d7a7e483",
    "004_ab1981a0cdc0efb4",
  ];
  // Articles added by other specs may come first: every page of the library is looked at.
  const pageOf = new Map<string, number>();
  for (let n = 1; n <= 10 && pageOf.size < seeds.length; n++) {
    await page.goto(`/en?page=${n}`);
    await expect(page.locator(".article-card").first()).toBeVisible();
    for (const id of seeds) {
      if (await page.locator(`.article-card[data-slug="${id}"] h2`).isVisible()) pageOf.set(id, n);
    }
  }
  expect([...pageOf.keys()].sort()).toEqual(seeds);
  await page.goto(`/en?page=${pageOf.get(SEED_SLUG)}`);
  const card = page.locator(`.article-card[data-slug="${SEED_SLUG}"]`);
  await expect(card).toContainText("Bisnis.com");
  await expect(card).toContainText("2023");
  await expect(card.locator("[role=progressbar]")).toHaveAttribute("aria-valuemax", /^[1-9]\d*$/);
});

test("the reader shows both columns, links sentences on hover and switches layout", async ({
  page,
}) => {
  await page.goto(`/en/articles/${SEED_SLUG}`);
  const source = page.locator('.para.source[lang="id"] .sentence');
  const target = page.locator('.para.target[lang="en"] .sentence');
  await expect(source.first()).toBeVisible();
  await expect(target.first()).toBeVisible();
  expect(await source.count()).toBe(await target.count());

  const second = source.nth(1);
  const id = await second.getAttribute("data-segment-id");
  await second.hover();
  await expect(page.locator(`.para.target [data-segment-id="${id}"]`)).toHaveClass(/active/);

  // Keyboard focus links the pair too.
  await page.locator(`.para.target [data-segment-id="${id}"]`).focus();
  await expect(second).toHaveClass(/active/);

  await page.getByText("Interleaved", { exact: true }).click();
  await expect(page.locator(".bitext")).toHaveClass(/layout-interleaved/);
  await page.getByText("Indonesian only", { exact: true }).click();
  await expect(page.locator(".para.target").first()).toBeHidden();
  await expect(source.first()).toBeVisible();
  // The choice is remembered.
  await page.reload();
  await expect(page.locator(".bitext")).toHaveClass(/layout-source/);
  await page.getByText("Side by side", { exact: true }).click();
  await expect(page.locator(".para.target").first()).toBeVisible();
});

test("an article added through the form is translated by the model, sentence by sentence", async ({
  page,
}) => {
  await page.goto("/en/articles/new");
  await page.getByLabel("Title").fill("Kim dan Putin");
  await page.getByLabel("Source (optional)").fill("Uji");
  await page
    .getByLabel("Text", { exact: true })
    .fill("Kim bertemu Putin di Rusia.\n\nXi bertemu Kim di Pyongyang.");
  await page.getByRole("button", { name: "Add article" }).click();

  await expect(page).toHaveURL(/\/en\/articles\/kim-dan-putin/);
  const target = page.locator(".para.target");
  await expect(target.nth(0)).toHaveText("Kim met Putin in Russia.");
  await expect(target.nth(1)).toHaveText("Xi met Kim in Pyongyang.");
  await expect.poll(async () => progressOf(page)).toEqual({ now: 2, max: 2 });

  // Stored: the next visit shows the translation at once.
  await page.reload();
  await expect(target.nth(0)).toHaveText("Kim met Putin in Russia.");
});

test("the form refuses empty text with a clear message and stores nothing", async ({
  page,
  request,
}) => {
  const before = (await (await request.get("/api/articles")).json()) as unknown[];
  await page.goto("/en/articles/new");
  await page.getByLabel("Title").fill("Kosong");
  await page.getByLabel("Text", { exact: true }).fill("   \n  ");
  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page.locator(".add-article [role=alert]")).toContainText(
    "The article was not added",
  );
  const after = (await (await request.get("/api/articles")).json()) as unknown[];
  expect(after.length).toBe(before.length);
});
