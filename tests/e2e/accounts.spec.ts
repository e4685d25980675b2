// Accounts mode in the browser, in both interface languages: signing in, a
// refused action, signing out. The server is the accounts one in playwright.config.ts.
import { expect, type Page, test } from "@playwright/test";
import { waitForTranslation } from "../helpers/reader-page";

const base = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 6}`;
const PASSWORD = "correct horse battery";

const words = {
  en: {
    title: "Sign in",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    signOut: "Sign out",
    wrong: "The email or password is wrong.",
    reader: "Signed in as The reader (Reader)",
    refused: "Your account may not do this (it needs the editor role).",
    add: "Add article",
    titleField: "Title",
    textField: "Text",
    feeds: "Feeds",
    feedsReadOnly: "Only editors can follow, refresh or remove feeds.",
    feedAddress: "Feed address",
  },
  id: {
    title: "Masuk",
    email: "Email",
    password: "Kata sandi",
    submit: "Masuk",
    signOut: "Keluar",
    wrong: "Email atau kata sandi salah.",
    reader: "Masuk sebagai The reader (Pembaca)",
    refused: "Akun Anda tidak boleh melakukan ini (perlu peran editor).",
    add: "Tambah artikel",
    titleField: "Judul",
    textField: "Teks",
    feeds: "Umpan",
    feedsReadOnly: "Hanya editor yang dapat mengikuti, menyegarkan, atau menghapus umpan.",
    feedAddress: "Alamat umpan",
  },
} as const;

async function signIn(page: Page, locale: "en" | "id", email: string, password = PASSWORD) {
  const w = words[locale];
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill(password);
  await page.getByRole("button", { name: w.submit }).click();
}

for (const locale of ["en", "id"] as const) {
  const w = words[locale];

  test(`${locale}: sign in, a refused action, sign out`, async ({ page }) => {
    // Anonymous: every page leads to the sign-in page, and the API answers 401.
    await page.goto(`${base}/${locale}/glossary`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in\\?next=`));
    await expect(page.getByRole("heading", { name: w.title })).toBeVisible();
    expect((await page.request.get(`${base}/api/articles`)).status()).toBe(401);

    await signIn(page, locale, "reader@example.org", "not the password");
    await expect(page.locator("p.notice[role=alert]")).toContainText(w.wrong);

    await signIn(page, locale, "reader@example.org");
    await expect(page).toHaveURL(new RegExp(`/${locale}/glossary$`));
    await expect(page.locator(".account-menu")).toContainText(w.reader);

    // A reader may read but not add an article: the refusal is in the interface language.
    await page.goto(`${base}/${locale}/articles/new`);
    await page.getByLabel(w.titleField).fill("Artikel Pembaca");
    await page.getByLabel(w.textField, { exact: true }).fill("Pembaca menulis satu kalimat.");
    await page.getByRole("button", { name: w.add }).click();
    await expect(page.locator("p.notice[role=alert]")).toContainText(w.refused);
    expect((await page.request.get(`${base}/api/articles/artikel-pembaca`)).status()).toBe(404);

    // A reader sees the feeds but has no controls to change them.
    await page.getByRole("link", { name: w.feeds, exact: true }).click();
    await expect(page.getByText(w.feedsReadOnly)).toBeVisible();
    await expect(page.getByLabel(w.feedAddress)).toHaveCount(0);

    await page.getByRole("button", { name: w.signOut }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in`));
    await page.goto(`${base}/${locale}`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in`));
    expect((await page.request.get(`${base}/api/session`)).ok()).toBe(true);
    expect(await (await page.request.get(`${base}/api/session`)).json()).toMatchObject({
      user: null,
    });
  });
}

test("an administrator adds a user and changes their role on the users page", async ({ page }) => {
  await page.goto(`${base}/en/admin/users`);
  await signIn(page, "en", "admin@example.org");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.locator("table.users")).toContainText("editor@example.org");
  const form = page.locator("form.add-user");
  await form.getByLabel("Email").fill("ana@example.org");
  await form.getByLabel("Name").fill("Ana");
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toContainText("ana@example.org was added.");
  await page.getByLabel("Role: ana@example.org").selectOption("editor");
  await expect(page.getByRole("status")).toContainText("Saved.");
  await page.reload();
  await expect(page.getByLabel("Role: ana@example.org")).toHaveValue("editor");
});

test("the history names who made each correction", async ({ page }) => {
  await page.goto(`${base}/id/sign-in`);
  await signIn(page, "id", "editor@example.org");
  await expect(page.locator(".account-menu")).toContainText("The editor");
  const added = await page.request.post(`${base}/api/articles`, {
    data: { title: "Riwayat penulis", text: "Shoigu bertemu Xi di Vladivostok." },
  });
  expect(added.status()).toBe(201);
  const { slug } = (await added.json()) as { slug: string };
  await page.goto(`${base}/id/articles/${slug}`);
  await waitForTranslation(page);
  const sentence = page.locator(".para.target .sentence").first();
  await sentence.click();
  await page.locator(".segment-editor textarea").fill("Shoigu met Xi in Vladivostok.");
  await page.locator(".segment-editor textarea").press("Control+Enter");
  await expect(sentence).toHaveAttribute("data-origin", "human");
  await sentence.click();
  await page.getByRole("button", { name: "Riwayat" }).click();
  const items = page.locator(".history li");
  await expect(items).toHaveCount(2);
  // The machine's translation has no author; the correction is the editor's.
  await expect(items.nth(0).locator(".history-author")).toHaveCount(0);
  await expect(items.nth(1).locator(".history-author")).toHaveText("oleh The editor");
});
