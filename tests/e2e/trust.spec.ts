import { expect, test } from "@playwright/test";

const LOOPING =
  "Dalam pertemuan Politbiro pada Rabu (20/9/2023), Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA) pada Jumat (22/9/2023).";

test("a degenerate machine translation is marked as needing review, counted in the library, and reached with C", async ({
  page,
}) => {
  await page.goto("/en/articles/new");
  await page.getByLabel("Title").fill("Rapat Politbiro");
  await page.getByLabel("Text", { exact: true }).fill(`Kim bertemu Putin di Rusia.\n\n${LOOPING}`);
  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page).toHaveURL(/\/en\/articles\/rapat-politbiro/);

  const good = page.locator("#t-" + (await sentenceId(page, 0)));
  const bad = page.locator("#t-" + (await sentenceId(page, 1)));
  await expect(good).toHaveText("Kim met Putin in Russia.");
  await expect(bad).toHaveAttribute("data-flags", /degenerate/);
  await expect(bad.locator(".review-flag")).toHaveText("Needs review");
  await expect(good.locator(".review-flag")).toHaveCount(0);
  await expect(page.locator(".legend")).toContainText("Needs review");
  await expect(page.locator(".legend")).toContainText("Low confidence");

  // Stored with the flag: the next visit shows the same mark.
  await page.reload();
  await expect(bad.locator(".review-flag")).toHaveText("Needs review");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("c");
  await expect(bad).toHaveClass(/\bactive\b/);
  await expect(good).not.toHaveClass(/\bactive\b/);

  // Found by its title: articles added by earlier tests may push it past the first page.
  await page.goto("/en?q=Rapat+Politbiro");
  await expect(page.locator("li, tr", { hasText: "Rapat Politbiro" }).first()).toContainText(
    "1 needs review",
  );
});

async function sentenceId(page: import("@playwright/test").Page, n: number): Promise<string> {
  const id = await page.locator(".para.source .sentence").nth(n).getAttribute("data-segment-id");
  return id ?? "";
}
