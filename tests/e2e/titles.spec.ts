import { expect, test } from "@playwright/test";
import { waitForTranslation } from "../helpers/reader-page";

// English titles: translated with the article, shown under the Indonesian
// title in the reader, the library and search, corrected like a sentence.

const TITLE = "Putin bertemu Shoigu di Moskow.";

test("a title is translated, shown in English, and a correction survives a retranslation", async ({
  page,
  request,
}) => {
  const response = await request.post("/api/articles", {
    data: {
      title: TITLE,
      source: "Judul",
      text: "Kim bertemu Putin di Rusia.\n\nXi bertemu Kim di Pyongyang.",
    },
  });
  expect(response.status()).toBe(201);
  const { slug } = (await response.json()) as { slug: string };

  await page.goto(`/en/articles/${slug}`);
  await waitForTranslation(page);
  const english = page.locator(".article-header .title-translation");
  await expect(page.locator(".article-header h1")).toHaveText(TITLE);
  await expect(english).toHaveText("Putin met Shoigu in Moscow.");
  await expect(english).toHaveAttribute("lang", "en");
  // The title is not one of the text's sentences.
  await expect(page.getByTestId("review-status")).toContainText("0 of 2");

  // Corrected like a sentence: the same editor, by keyboard.
  await english.getByRole("button").focus();
  await page.keyboard.press("Enter");
  const editor = page.locator(".segment-editor");
  await expect(editor).toContainText(TITLE);
  await editor.locator("textarea").fill("Putin and Shoigu meet in Moscow");
  await editor.locator("textarea").press("Control+Enter");
  await expect(editor).toHaveCount(0);
  await expect(english).toContainText("Putin and Shoigu meet in Moscow");

  // Retranslate: the model redoes unchecked machine text; the person's title stays.
  await page.getByRole("button", { name: "More", exact: true }).click();
  await page.getByRole("button", { name: "Retranslate" }).click();
  await waitForTranslation(page);
  await page.reload();
  await expect(english).toContainText("Putin and Shoigu meet in Moscow");
  await expect(english.locator("[data-origin]")).toHaveAttribute("data-origin", "human");

  // Its history has both versions.
  await english.getByRole("button").click();
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.locator(".history li")).toHaveCount(2);
  await expect(page.locator(".history li").nth(0)).toContainText("Putin met Shoigu in Moscow.");

  // The library card: the English title and the first sentence as a preview.
  await page.goto(`/en?q=${encodeURIComponent("Putin bertemu Shoigu")}`);
  const card = page.locator(`.article-card[data-slug="${slug}"]`);
  await expect(card.locator("h2")).toHaveText(TITLE);
  await expect(card.locator(".title-en")).toHaveText("Putin and Shoigu meet in Moscow");
  await expect(card.locator(".card-preview")).toHaveText("Kim met Putin in Russia.");

  // Search results: the English title under the Indonesian one.
  await page.goto(`/en/search?q=Pyongyang`);
  const result = page.locator(".search-article", { hasText: TITLE });
  await expect(result.locator(".title-en")).toHaveText("Putin and Shoigu meet in Moscow");
});

test("the library's articles get English titles and previews in the background", async ({
  page,
}) => {
  await page.goto("/en");
  const card = page.locator('.article-card[data-slug="000_9df4d0f23bd6c915"]');
  await expect(card.locator("h2")).toHaveText(
    "Kim Jong-un Perintahkan Pengembangan Hubungan dengan Rusia Usai Kunjungan",
  );
  // Nobody opened it: the background translation gives it its English lines.
  await expect
    .poll(
      async () => {
        await page.reload();
        return (
          (await card.locator(".title-en").count()) + (await card.locator(".card-preview").count())
        );
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBe(2);
  await expect(card.locator(".title-en")).toHaveAttribute("lang", "en");
  await expect(card.locator(".card-preview")).not.toHaveText("");
});
