import { expect, test } from "@playwright/test";

const SEED = "000_9df4d0f23bd6c915";

test("hovering a highlighted term in the reader shows its English rendering, note and usage", async ({
  page,
}) => {
  await page.goto(`/en/articles/${SEED}`);
  const term = page.locator(".para.source .term", { hasText: "KCNA" }).first();
  await expect(term).toBeVisible();
  await term.hover();
  const tip = term.locator("[role=tooltip]");
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("KCNA");
  await expect(tip).toContainText(/Used in \d+ articles/);
  // Acronyms are case-sensitive: "AS" is marked, the word "as" never is.
  await expect(page.locator(".para.source .term", { hasText: /^AS$/ }).first()).toBeVisible();
  // Keyboard focus shows it too.
  const politbiro = page.locator(".para.source .term", { hasText: "Politbiro" }).first();
  await politbiro.focus();
  await expect(politbiro.locator("[role=tooltip]")).toContainText("Politburo");
});

test("editing an entry changes what the reader shows", async ({ page }) => {
  await page.goto("/en/glossary?q=Politbiro");
  await page.locator(".glossary-table a", { hasText: "Politbiro" }).click();
  await expect(page.locator("h1")).toContainText("Politbiro");
  await expect(page.locator(".concordance li").first()).toBeVisible();
  await page.getByLabel("English rendering").fill("Political Bureau");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");

  await page.goto(`/en/articles/${SEED}`);
  const politbiro = page.locator(".para.source .term", { hasText: "Politbiro" }).first();
  await politbiro.hover();
  await expect(politbiro.locator("[role=tooltip]")).toContainText("Political Bureau");

  // Put the seed rendering back: later specs translate with the seed glossary.
  await page.goto("/en/glossary?q=Politbiro");
  await page.locator(".glossary-table a", { hasText: "Politbiro" }).click();
  await page.getByLabel("English rendering").fill("Politburo");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
});

test("creating an entry with a spelling another entry has is refused with its name", async ({
  page,
}) => {
  await page.goto("/en/glossary");
  await page.getByText("New entry").click();
  await page.getByLabel("Indonesian term").fill("Dewan Lain");
  await page.getByLabel("English rendering").fill("Other Council");
  await page.getByLabel("Aliases").fill("DK PBB");
  await page.getByRole("button", { name: "Add entry" }).click();
  await expect(page.locator(".entry-form [role=alert]")).toContainText(
    "“DK PBB” already belongs to the glossary entry “Dewan Keamanan PBB”",
  );
});

test("suggestions can be accepted and dismissed", async ({ page }) => {
  await page.goto("/en/glossary?tab=suggestions");
  const items = page.locator(".suggestion-list li");
  await expect(items.first()).toBeVisible();
  const first = (await items.first().getAttribute("data-suggestion"))!;
  await items.first().getByRole("button", { name: "Dismiss" }).click();
  await expect(page.locator(`.suggestion-list li[data-suggestion="${first}"]`)).toHaveCount(0);
  await page.reload();
  await expect(page.locator(".suggestion-list li").first()).toBeVisible();
  await expect(page.locator(`.suggestion-list li[data-suggestion="${first}"]`)).toHaveCount(0);
});
