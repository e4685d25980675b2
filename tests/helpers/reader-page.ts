// The reader page in Playwright tests.
import { expect, type Page } from "@playwright/test";

/** Waits until the reader's progress bar says the article is translated. */
export async function waitForTranslation(page: Page): Promise<void> {
  const bar = page.locator(".reader-toolbar [role=progressbar]");
  await expect
    .poll(
      async () =>
        (await bar.getAttribute("aria-valuenow")) === (await bar.getAttribute("aria-valuemax")),
    )
    .toBe(true);
}
