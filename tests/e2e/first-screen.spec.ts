import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// What the first screen shows, on a phone and on a desktop: the article's text
// starts in its top half, and the library shows at least two articles.

const SEED = "000_9df4d0f23bd6c915";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function firstSentenceTop(page: Page): Promise<number> {
  const box = await page.locator(".para.source .sentence").first().boundingBox();
  expect(box).not.toBeNull();
  return box!.y;
}

async function cardsInView(page: Page, height: number): Promise<number> {
  const bottoms = await page
    .locator(".article-card")
    .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().bottom));
  return bottoms.filter((bottom) => bottom <= height).length;
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: PHONE });

  test("the reader's first sentence starts in the top half; the rest opens from the menus", async ({
    page,
  }) => {
    await page.goto(`/en/articles/${SEED}`);
    expect(await firstSentenceTop(page)).toBeLessThan(PHONE.height / 2);

    // The header: brand, search and one menu button in one row.
    const search = page.getByRole("searchbox", { name: "Search the library (Indonesian)" });
    await expect(search).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    const menu = page.getByRole("button", { name: "Menu" });
    const [menuBox, searchBox] = [await menu.boundingBox(), await search.boundingBox()];
    expect(Math.abs(menuBox!.y - searchBox!.y)).toBeLessThan(20);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Glossary" })).toBeVisible();
    await expect(page.getByText("Reading settings")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();

    // The reader's controls: one row; the legend behind "?", the rest behind "More".
    const legend = page.getByRole("list", { name: "Legend" });
    await expect(legend).toBeHidden();
    await page.getByRole("button", { name: "What the marks mean" }).click();
    await expect(legend).toBeVisible();
    await expect(legend).toContainText("Machine translation");
    await page.getByRole("button", { name: "What the marks mean" }).click();
    await expect(legend).toBeHidden();

    const layout = page.getByRole("group", { name: "Layout" });
    await expect(layout).toBeHidden();
    await page.getByRole("button", { name: "More", exact: true }).click();
    await expect(layout).toBeVisible();
    await expect(page.getByRole("button", { name: "Retranslate" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Markdown" })).toBeVisible();
    await expectNoSeriousViolations(page);
    await layout.getByText("Indonesian only").click();
    await expect(page.locator(".para.target").first()).toBeHidden();
    await layout.getByText("Side by side").click();
    await expect(page.locator(".para.target").first()).toBeVisible();
  });

  test("the library shows two articles on the first screen; its tools open from one button", async ({
    page,
  }) => {
    await page.goto("/en");
    expect(await cardsInView(page, PHONE.height)).toBeGreaterThanOrEqual(2);
    const filters = page.locator(".library-filters");
    await expect(filters).toBeHidden();
    await expect(page.getByRole("link", { name: "Export corrections (TMX)" })).toBeHidden();
    await page.getByRole("button", { name: "Export, import and filters" }).click();
    await expect(page.getByRole("link", { name: "Export corrections (TMX)" })).toBeVisible();
    await expect(page.getByText("Import a translation memory (TMX)")).toBeVisible();
    await filters.getByLabel("Translation").selectOption("translated");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/translation=translated/);
    await expectNoSeriousViolations(page);

    // A link in the menu takes you there and closes the menu.
    await page.getByRole("button", { name: "Menu" }).click();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Glossary" })
      .click();
    await expect(page).toHaveURL(/\/en\/glossary/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  });
});

test.describe("on a desktop (1280 × 800)", () => {
  test.use({ viewport: DESKTOP });

  test("the reader's first sentence starts in the top half; controls are one or two clicks away", async ({
    page,
  }) => {
    await page.goto(`/en/articles/${SEED}`);
    expect(await firstSentenceTop(page)).toBeLessThan(DESKTOP.height / 2);
    // In place, as before: navigation, layout and review count.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByRole("group", { name: "Layout" })).toBeVisible();
    await expect(page.getByTestId("review-status")).toBeVisible();
    // One click: the legend and the actions.
    await page.getByRole("button", { name: "What the marks mean" }).click();
    await expect(page.getByRole("list", { name: "Legend" })).toBeVisible();
    await page.getByRole("button", { name: "More", exact: true }).click();
    await expect(page.getByRole("button", { name: "Next unchecked sentence" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Check glossary terms" })).toBeVisible();
    await expect(page.getByRole("link", { name: "HTML" })).toBeVisible();
    await expectNoSeriousViolations(page);
    // A chosen action closes the menu.
    await page.getByRole("button", { name: "Next unchecked sentence" }).click();
    await expect(page.getByRole("button", { name: "Retranslate" })).toBeHidden();
  });

  test("the library shows its tools in place and at least two articles", async ({ page }) => {
    await page.goto("/en");
    expect(await cardsInView(page, DESKTOP.height)).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole("button", { name: "Export, import and filters" })).toBeHidden();
    await expect(page.locator(".library-filters")).toBeVisible();
    await expect(page.getByRole("link", { name: "Export library (JSON)" })).toBeVisible();
  });
});
