import { expect, test } from "@playwright/test";

const SENTENCES = [
  "Kim bertemu Putin di Rusia.",
  "Xi bertemu Kim di Pyongyang.",
  "Putin bertemu Shoigu di Moskow.",
  "Politbiro bersidang di Pyongyang.",
];

test("an article posted through the API is translated with nobody opening it, and the library's bar moves", async ({
  page,
  request,
}) => {
  // Long enough that its translation is still under way when the library is shown.
  const text = Array.from({ length: 15 }, (_, p) =>
    SENTENCES.map((s) => s.replace(/\.$/, ` ${p + 1}.`)).join(" "),
  ).join("\n\n");
  const title = `Berita latar ${Date.now()}`;
  const created = await request.post("/api/articles", { data: { title, text } });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };

  await page.goto("/en");
  const bar = page.locator(`[data-slug="${slug}"] [role=progressbar]`);
  await expect(bar).toHaveAttribute("aria-valuemax", "60");
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const now = Number(await bar.getAttribute("aria-valuenow"));
        seen.add(now);
        return now;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(60);
  // The bar moved on the open page: it showed the article part-translated first.
  expect([...seen].some((n) => n < 60)).toBe(true);
  await expect(page.getByTestId("library-progress")).toBeVisible();

  // Stored: the reader shows the translation at once, without translating again.
  await page.goto(`/en/articles/${slug}`);
  await expect(page.locator(".para.target").first()).toContainText("Kim met Putin in Russia");
  const health = (await (await request.get("/api/health")).json()) as {
    queue: { articles: number; sentences: number };
  };
  expect(health.queue).toEqual({ articles: 0, sentences: 0 });
});
