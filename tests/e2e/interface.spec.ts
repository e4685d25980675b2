import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const SEED = "000_9df4d0f23bd6c915";

test.describe("interface language", () => {
  test.use({ locale: "id-ID", extraHTTPHeaders: { "accept-language": "id-ID,id;q=0.9,en;q=0.5" } });

  test("the first visit follows Accept-Language, and the switch keeps the page and is remembered", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/id$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.locator("h1")).toHaveText("Pustaka");
    // Indonesian date format.
    await expect(page.locator(`.article-card[data-slug="${SEED}"]`)).toContainText(
      "22 September 2023",
    );

    await page.goto(`/id/articles/${SEED}`);
    await expect(page.getByText("Tata letak")).toBeVisible();
    await page.locator(".locale-switch select").selectOption("en");
    await expect(page).toHaveURL(new RegExp(`/en/articles/${SEED}$`));
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByText("Layout", { exact: true })).toBeVisible();
    await expect(page.locator(".article-header")).toContainText("September 22, 2023");

    // Remembered: the bare address now opens in English despite the browser's Indonesian.
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
  });

  test("errors from the server are shown in the interface language", async ({ page }) => {
    await page.goto("/id/articles/new");
    await page.getByLabel("Judul").fill("Kosong");
    await page.getByLabel("Teks", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Tambah artikel" }).click();
    await expect(page.locator(".add-article [role=alert]")).toHaveText(
      "Artikel tidak ditambahkan: Teksnya kosong.",
    );
  });

  test("text columns carry their own languages whatever the interface language", async ({
    page,
  }) => {
    await page.goto(`/id/articles/${SEED}`);
    await expect(page.locator(".para.source").first()).toHaveAttribute("lang", "id");
    await expect(page.locator(".para.target").first()).toHaveAttribute("lang", "en");
  });
});

test("clicking an Indonesian word opens the look-up with its root, senses and other uses", async ({
  page,
}) => {
  await page.goto(`/en/articles/${SEED}`);
  const sentence = page
    .locator(".para.source .sentence", { hasText: "Keduanya menyatakan" })
    .first();
  await sentence.scrollIntoViewIfNeeded();
  const box = (await sentence.boundingBox())!;
  // Find the word "menyatakan" on screen and click it.
  const point = await sentence.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf("menyatakan") ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at + 2);
        range.setEnd(node, at + 3);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return null;
  });
  expect(point).not.toBeNull();
  expect(box.width).toBeGreaterThan(0);
  await page.mouse.click(point!.x, point!.y);
  const panel = page.getByRole("dialog", { name: "menyatakan" });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("lookup-root")).toHaveText("nyata");
  await expect(panel.locator(".uses li").first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);

  // By keyboard: focus a sentence, press L, choose a word.
  await page.locator(".para.source .sentence").first().focus();
  await page.keyboard.press("l");
  const picker = page.getByRole("dialog");
  await picker.getByRole("button", { name: "senjata" }).click();
  await expect(picker.getByTestId("lookup-root")).toHaveText("senjata");
  await expect(picker.locator(".senses")).toContainText("weapon");
});

test("reading settings and the shortcuts dialog", async ({ page }) => {
  await page.goto(`/en/articles/${SEED}`);
  await page.getByText("Reading settings").click();
  await page.getByRole("button", { name: "Larger text" }).click();
  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const size = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue("--font-size"),
  );
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(
    await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue("--font-size"),
    ),
  ).toBe(size);

  await page.locator("h1").click();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
  ).toEqual([]);
}

for (const locale of ["en", "id"]) {
  test(`no serious accessibility violations (${locale})`, async ({ page }) => {
    for (const path of [
      "",
      `/articles/${SEED}`,
      "/glossary",
      "/glossary?tab=suggestions",
      "/articles/new",
      "/feeds",
      "/words",
      "/models",
      "/search?q=senjata",
      "/search?lang=en&q=weapons",
    ]) {
      await page.goto(`/${locale}${path}`);
      await page.waitForLoadState("networkidle");
      await expectNoSeriousViolations(page);
    }
  });
}

test("search finds inflected forms, groups results by article and links to the sentence", async ({
  page,
}) => {
  await page.goto("/en/search");
  await page.getByLabel("Search the library", { exact: true }).fill("kunjungan");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=kunjungan/);
  const marks = page.locator(".search-hit mark");
  await expect(marks.first()).toBeVisible();
  const words = new Set((await marks.allInnerTexts()).map((w) => w.toLowerCase()));
  expect(words.has("mengunjungi") || words.has("kunjungannya")).toBe(true);
  expect(await page.locator(".search-article").count()).toBeGreaterThan(1);

  await page.locator(".search-hit a").first().click();
  await expect(page).toHaveURL(/\/en\/articles\/.+#s-\d+$/);
  await expect(page.locator(".para.source .sentence.active").first()).toBeVisible();

  // English side (the glossary's English renderings are searched too).
  await page.goto("/en/search?lang=en&q=Cosmodrome");
  await expect(page.locator(".search-glossary")).toContainText("Kosmodrom Vostochny");
});

test("unknown articles, entries and addresses get a not-found page in the interface language", async ({
  page,
}) => {
  for (const [path, title, text] of [
    ["/en/articles/no-such-article", "Not found", /no such page/],
    ["/id/glossary/999999", "Tidak ditemukan", /Halaman itu tidak ada/],
    ["/id/no/such/address", "Tidak ditemukan", /Halaman itu tidak ada/],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator("h1")).toHaveText(title);
    await expect(page.locator("main")).toContainText(text);
    // Inside the app's layout: the header and its language switch are there.
    await expect(page.locator(".locale-switch select")).toBeVisible();
  }
});
