import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { waitForTranslation } from "../helpers/reader-page";

/** Adds an article through the API and opens it once its translation has finished. */
async function openNewArticle(
  page: Page,
  request: APIRequestContext,
  title: string,
  text: string,
): Promise<string> {
  const response = await request.post("/api/articles", { data: { title, text } });
  expect(response.status()).toBe(201);
  const { slug } = (await response.json()) as { slug: string };
  await page.goto(`/en/articles/${slug}`);
  await waitForTranslation(page);
  return slug;
}

const target = (page: Page, n: number) => page.locator(".para.target .sentence").nth(n);

test("a correction is saved, kept after a reload with its marker, and its history shows the diff and can be reverted", async ({
  page,
  request,
}) => {
  await openNewArticle(page, request, "Koreksi satu", "Shoigu bertemu Xi di Vladivostok.");
  const machineText = (await target(page, 0).innerText()).trim();

  await target(page, 0).click();
  const editor = page.locator(".segment-editor");
  await expect(editor).toContainText("Shoigu bertemu Xi di Vladivostok.");
  await editor.locator("textarea").fill("Shoigu met Xi in Vladivostok on Monday.");
  await editor.locator("textarea").press("Control+Enter");
  await expect(editor).toHaveCount(0);
  await expect(target(page, 0)).toContainText("Shoigu met Xi in Vladivostok on Monday.");
  await expect(target(page, 0)).toHaveAttribute("data-origin", "human");

  await page.reload();
  await expect(target(page, 0)).toContainText("Shoigu met Xi in Vladivostok on Monday.");
  await expect(target(page, 0).locator(".marker-human")).toBeVisible();
  await expect(page.getByTestId("review-status")).toContainText("1 of 1");

  // History: two revisions, the second with the words that changed.
  await target(page, 0).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "History" }).click();
  const items = page.locator(".history li");
  await expect(items).toHaveCount(2);
  await expect(items.nth(1).locator("ins")).toContainText(["Monday"]);
  // Revert to the machine translation: a third revision with the old text.
  await items.nth(0).getByRole("button", { name: "Restore this version" }).click();
  await expect(target(page, 0)).toContainText(machineText.replace(/[✎↺✓]/g, "").trim());
  await target(page, 0).click();
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.locator(".history li")).toHaveCount(3);
});

test("an unsaved edit survives a reload, and Esc closes the editor without losing it", async ({
  page,
  request,
}) => {
  await openNewArticle(page, request, "Draf", "Putin bertemu Xi di Moskow.");
  await target(page, 0).click();
  await page.locator(".segment-editor textarea").fill("Draft that was never saved");
  await page.keyboard.press("Escape");
  await expect(page.locator(".segment-editor")).toHaveCount(0);
  await expect(target(page, 0)).toHaveClass(/has-draft/);
  await page.reload();
  await target(page, 0).click();
  await expect(page.locator(".segment-editor textarea")).toHaveValue("Draft that was never saved");
  await expect(page.locator(".segment-editor")).toContainText("Your unsaved draft was restored.");
});

test("text that looks like HTML is stored as typed and shown as text", async ({
  page,
  request,
}) => {
  await openNewArticle(page, request, "Hostile", "Xi bertemu Shoigu di Moskow.");
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await target(page, 0).click();
  const hostile = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
  await page.locator(".segment-editor textarea").fill(hostile);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(target(page, 0)).toContainText(hostile);
  await page.reload();
  await expect(target(page, 0)).toContainText(hostile);
  expect(dialogs).toBe(0);
  await expect(page.locator(".para.target img")).toHaveCount(0);
});

test("a save that conflicts with another reader's shows both texts and lets the user choose", async ({
  page,
  browser,
  request,
}) => {
  const slug = await openNewArticle(page, request, "Konflik", "Kim bertemu Xi di Vladivostok.");
  await target(page, 0).click();
  await page.locator(".segment-editor textarea").fill("Mine: Kim met Xi in Vladivostok.");

  // Another reader, in another browser context, saves first.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`/en/articles/${slug}`);
  await otherPage.locator(".para.target .sentence").first().click();
  await otherPage.locator(".segment-editor textarea").fill("Theirs: Kim met Xi in Vladivostok.");
  await otherPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(otherPage.locator(".para.target .sentence").first()).toContainText("Theirs:");
  await other.close();

  await page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = page.locator(".conflict");
  await expect(conflict).toContainText("Someone else saved this sentence");
  await expect(conflict.locator(".conflict-theirs")).toHaveText(
    "Theirs: Kim met Xi in Vladivostok.",
  );
  await expect(conflict.locator(".conflict-mine")).toHaveText("Mine: Kim met Xi in Vladivostok.");
  await conflict.getByRole("button", { name: "Save mine instead" }).click();
  await expect(target(page, 0)).toContainText("Mine: Kim met Xi in Vladivostok.");

  const history = (await (
    await request.get(
      `/api/segments/${await target(page, 0).getAttribute("data-segment-id")}/history`,
    )
  ).json()) as { text: string }[];
  expect(history.map((h) => h.text).slice(-2)).toEqual([
    "Theirs: Kim met Xi in Vladivostok.",
    "Mine: Kim met Xi in Vladivostok.",
  ]);
});

test("mark as checked, and N moves to the next unchecked sentence", async ({ page, request }) => {
  await openNewArticle(
    page,
    request,
    "Periksa",
    "Xi bertemu Putin di Vladivostok. Shoigu bertemu Kim di Pyongyang.",
  );
  await target(page, 0).click();
  await page.getByRole("button", { name: "Mark as checked" }).click();
  await expect(target(page, 0)).toHaveAttribute("data-reviewed", "true");
  await expect(page.getByTestId("review-status")).toContainText("1 of 2");
  await page.locator("h1").click();
  await page.keyboard.press("n");
  await expect(page.locator(".para .sentence.active").first()).toHaveAttribute(
    "data-segment-id",
    (await target(page, 1).getAttribute("data-segment-id"))!,
  );
});
