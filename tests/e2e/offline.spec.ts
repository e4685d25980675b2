import { expect, test } from "@playwright/test";

// This server runs without the translation model, as on an offline machine.
test.use({ baseURL: `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}` });

const SEED = "004_ab1981a0cdc0efb4";

test("without a model, reading, the glossary and manual translation work, and the reader says how to install it", async ({
  page,
  request,
}) => {
  const health = (await (await request.get("/api/health")).json()) as {
    status: string;
    model: { id: string; state: string; error: string };
  };
  expect(health.status).toBe("ok");
  expect(health.model).toMatchObject({ id: "Xenova/opus-mt-id-en", state: "unavailable" });
  expect(health.model.error).toMatch(/not installed/);

  await page.goto(`/en/articles/${SEED}`);
  await expect(page.locator(".para.source .sentence").first()).toBeVisible();
  const notice = page.getByRole("alert").filter({ hasText: "translation model is not available" });
  await expect(notice).toBeVisible();
  await expect(notice.locator("code").first()).toHaveText("npm run model:download");
  await expect(page.locator(".reader-toolbar [role=progressbar]")).toHaveAttribute(
    "aria-valuenow",
    "0",
  );

  // Glossary highlighting works.
  await expect(page.locator(".para.source .term", { hasText: "KCNA" }).first()).toBeVisible();

  // Manual translation works.
  await page.locator(".para.target .sentence").first().click();
  await page
    .locator(".segment-editor textarea")
    .fill("North Korea's Politburo discusses follow-up to Kim Jong Un's visit to Russia.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator(".para.target .sentence").first()).toContainText(
    "follow-up to Kim Jong Un",
  );
  await expect(page.locator(".para.target .sentence").first()).toHaveAttribute(
    "data-origin",
    "human",
  );

  // The Indonesian interface says the same in Indonesian.
  await page.goto(`/id/articles/${SEED}`);
  await expect(
    page.getByRole("alert").filter({ hasText: "Model penerjemah tidak tersedia" }),
  ).toBeVisible();
});
