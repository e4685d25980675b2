import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { corpusChrf } from "../../lib/quality/chrf";
import type { RevisionRecord as Revision } from "../../lib/revisions/history";
import { waitForTranslation } from "../helpers/reader-page";

// The server's two models (playwright.config.ts): MT_MODEL's, and one laid out
// as a download in MT_MODELS_DIR. Only this spec translates with the second,
// so its figures on the Models page can be counted by hand.
const MARIAN = "tests/fixtures/tiny-marian";
const PLAIN = "fixtures/tiny-marian-plain";

interface Segment {
  id: number;
  translation: { text: string; revisionId: number; modelId: string | null; origin: string } | null;
}
interface Article {
  titleSegment: Segment | null;
  paragraphs: { segments: Segment[] }[];
}

/**
 * The articles this spec adds, for the hand count. Their sentences are used by
 * no other spec: a correction reaches the same sentence elsewhere through memory.
 */
const slugs: string[] = [];

async function addArticle(request: APIRequestContext, title: string, text: string) {
  const response = await request.post("/api/articles", { data: { title, text } });
  expect(response.status()).toBe(201);
  const { slug } = (await response.json()) as { slug: string };
  slugs.push(slug);
  return slug;
}

async function article(request: APIRequestContext, slug: string): Promise<Article> {
  const response = await request.get(`/api/articles/${encodeURIComponent(slug)}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Article;
}

/** The title's segment and the sentences: a model translates both. */
const segmentsOf = (a: Article): Segment[] => [
  ...(a.titleSegment ? [a.titleSegment] : []),
  ...a.paragraphs.flatMap((p) => p.segments),
];
const sentencesOf = (a: Article): Segment[] => a.paragraphs.flatMap((p) => p.segments);

async function historyOf(request: APIRequestContext, id: number): Promise<Revision[]> {
  const response = await request.get(`/api/segments/${id}/history`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Revision[];
}

const target = (page: Page, n: number) => page.locator(".para.target .sentence").nth(n);

async function openHistory(page: Page, n: number) {
  await target(page, n).click();
  const editor = page.locator(".segment-editor");
  await editor.getByRole("button", { name: "History" }).click();
  return editor.locator(".history li");
}

test.afterAll(async ({ request }) => {
  // Other specs share this server: MT_MODEL's model translates for them.
  await request.put("/api/models/default", { data: { model: MARIAN } });
});

test("an editor retranslates an article with the other model, and the history names each revision's model and decoding", async ({
  page,
  request,
}) => {
  const slug = await addArticle(
    request,
    "Dua model",
    "Shoigu bertemu Putin di Rusia. Kim bertemu Shoigu di Vladivostok.",
  );
  await page.goto(`/en/articles/${slug}`);
  await waitForTranslation(page);
  expect(sentencesOf(await article(request, slug)).map((s) => s.translation?.modelId)).toEqual([
    MARIAN,
    MARIAN,
  ]);

  await page.getByRole("button", { name: "More", exact: true }).click();
  const choice = page.getByLabel("Retranslate with");
  // The default model is the one chosen unless the editor picks another.
  await expect(choice).toHaveValue(MARIAN);
  await choice.selectOption(PLAIN);
  await page.getByRole("button", { name: "Retranslate" }).click();
  await expect
    .poll(async () => segmentsOf(await article(request, slug)).map((s) => s.translation?.modelId))
    .toEqual([PLAIN, PLAIN, PLAIN]);

  await page.reload();
  await waitForTranslation(page);
  const items = await openHistory(page, 0);
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).locator(".history-model")).toHaveText(
    new RegExp(`^model ${MARIAN}, (greedy|beam \\d+)`),
  );
  await expect(items.nth(1).locator(".history-model")).toHaveText(
    new RegExp(`^model ${PLAIN}, (greedy|beam \\d+)`),
  );
  // The exact weights are named too (on hover).
  await expect(items.nth(1).locator(".history-model")).toHaveAttribute("title", /^local-/);
});

test("a sentence's editor shows the other model's translation beside the current one, and choosing it stores it", async ({
  page,
  request,
}) => {
  const slug = await addArticle(request, "Model lain", "Xi bertemu Shoigu di Pyongyang.");
  await page.goto(`/en/articles/${slug}`);
  await waitForTranslation(page);
  const [sentence] = sentencesOf(await article(request, slug));
  const offered = await request.get(
    `/api/segments/${sentence!.id}/alternatives?model=${encodeURIComponent(PLAIN)}`,
  );
  const expected = ((await offered.json()) as { text: string }).text;

  await target(page, 0).click();
  const editor = page.locator(".segment-editor");
  // The model that wrote the current text is not offered again.
  await expect(editor.getByRole("button", { name: `Translate with ${MARIAN}` })).toHaveCount(0);
  await editor.getByRole("button", { name: `Translate with ${PLAIN}` }).click();
  const shown = editor.locator(".alternative");
  await expect(shown.locator(".alternative-text")).toHaveText(expected);
  await expect(shown).toContainText("Current translation");
  await expect(shown).toContainText(sentence!.translation!.text);
  // Shown only: nothing stored yet.
  expect(await historyOf(request, sentence!.id)).toHaveLength(1);

  await shown.getByRole("button", { name: "Use this translation" }).click();
  await expect(editor).toHaveCount(0);
  await expect(target(page, 0)).toContainText(expected);
  const after = sentencesOf(await article(request, slug))[0]!.translation!;
  expect(after).toMatchObject({ origin: "machine", modelId: PLAIN, text: expected });

  const items = await openHistory(page, 0);
  await expect(items).toHaveCount(2);
  await expect(items.nth(1).locator(".history-model")).toContainText(`model ${PLAIN}`);
  // Now MT_MODEL's is the other model.
  await expect(
    page.locator(".segment-editor").getByRole("button", { name: `Translate with ${MARIAN}` }),
  ).toBeVisible();
});

test("a choice on a sentence someone changed meanwhile is refused, with both texts to choose from", async ({
  page,
  request,
}) => {
  const slug = await addArticle(request, "Model konflik", "Kim bertemu Xi di Moskow.");
  await page.goto(`/en/articles/${slug}`);
  await waitForTranslation(page);
  await target(page, 0).click();
  const editor = page.locator(".segment-editor");
  await editor.getByRole("button", { name: `Translate with ${PLAIN}` }).click();
  await expect(editor.locator(".alternative-text")).not.toBeEmpty();

  // Another reader corrects the sentence first.
  const [sentence] = sentencesOf(await article(request, slug));
  const saved = await request.put(`/api/segments/${sentence!.id}/translation`, {
    data: {
      text: "Theirs: Kim met Xi in Moscow.",
      baseRevisionId: sentence!.translation!.revisionId,
    },
  });
  expect(saved.status()).toBe(201);

  await editor
    .locator(".alternative")
    .getByRole("button", { name: "Use this translation" })
    .click();
  const conflict = editor.locator(".conflict");
  await expect(conflict).toContainText("Someone else saved this sentence");
  await expect(conflict.locator(".conflict-theirs")).toHaveText("Theirs: Kim met Xi in Moscow.");
  await conflict.getByRole("button", { name: `Use the translation by ${PLAIN} instead` }).click();
  await expect(editor).toHaveCount(0);
  expect(sentencesOf(await article(request, slug))[0]!.translation).toMatchObject({
    origin: "machine",
    modelId: PLAIN,
  });
});

test("the Models page's figures for a model match a hand count of its translations and their corrections", async ({
  page,
  request,
}) => {
  // Two of the PLAIN model's sentences corrected.
  const first = await article(request, slugs[0]!);
  const corrections = [
    "Shoigu met Putin in Russia yesterday.",
    "Kim met Shoigu in Vladivostok today.",
  ];
  for (const [k, text] of corrections.entries()) {
    const s = sentencesOf(first)[k]!;
    expect(s.translation?.modelId).toBe(PLAIN);
    const response = await request.put(`/api/segments/${s.id}/translation`, {
      data: { text, baseRevisionId: s.translation!.revisionId },
    });
    expect(response.status()).toBe(201);
  }

  // By hand: every segment of this spec's articles the model translated, and
  // of those, the ones a reader's last edit changed from the model's text.
  let translated = 0;
  const machine: string[] = [];
  const references: string[] = [];
  for (const slug of slugs) {
    for (const segment of segmentsOf(await article(request, slug))) {
      const history = await historyOf(request, segment.id);
      if (history.some((r) => r.origin === "machine" && r.modelId === PLAIN)) translated++;
      const edit = history.filter((r) => r.origin === "human" && r.event === "edit").at(-1);
      const base = history.find((r) => r.revisionId === edit?.baseRevisionId);
      if (edit && base?.origin === "machine" && base.modelId === PLAIN && base.text !== edit.text) {
        machine.push(base.text);
        references.push(edit.text);
      }
    }
  }
  // The first article's title and two sentences, and the sentence chosen in each of the others.
  expect(translated).toBe(5);
  expect(references).toEqual(corrections);
  const one = (n: number) => new Intl.NumberFormat("en", { maximumFractionDigits: 1 }).format(n);

  await page.goto("/en/models");
  const card = page.locator(`.model-card[data-model="${PLAIN}"]`);
  await expect(card.locator('[data-fact="corrections"]')).toContainText(
    `chrF ${one(corpusChrf(machine, references))} over 2 corrected of ${translated} translated sentences`,
  );
  await expect(card.locator('[data-fact="speed"]')).toContainText(/measured over \d+ sentences?/);
  await expect(card.locator('[data-fact="corrections"]')).toContainText(
    "100 means they changed nothing",
  );
  // Both installed models, the default marked, and the catalogue's NLLB with its licence and how to get it.
  await expect(page.locator(`.model-card[data-model="${MARIAN}"]`)).toHaveAttribute(
    "data-default",
    "true",
  );
  const nllb = page.locator('.model-card[data-model="Xenova/nllb-200-distilled-600M"]');
  await expect(nllb).toContainText("Non-commercial only");
  await expect(nllb.locator('[data-fact="size"]')).toHaveText("895 MB");
  await expect(nllb.locator('[data-fact="corrections"]')).toHaveText("nothing translated here yet");
  await expect(nllb).toContainText("npm run model:download -- Xenova/nllb-200-distilled-600M");
});

test("an admin makes the other model the default, and back", async ({ page, request }) => {
  await page.goto("/en/models");
  const plain = page.locator(`.model-card[data-model="${PLAIN}"]`);
  await plain.getByRole("button", { name: `Make ${PLAIN} the default` }).click();
  await expect(plain).toHaveAttribute("data-default", "true");
  await expect(plain).toContainText("Default");
  const listed = (await (await request.get("/api/models")).json()) as { defaultModel: string };
  expect(listed.defaultModel).toBe(PLAIN);

  const marian = page.locator(`.model-card[data-model="${MARIAN}"]`);
  await marian.getByRole("button", { name: `Make ${MARIAN} the default` }).click();
  await expect(marian).toHaveAttribute("data-default", "true");
  await expect(plain.getByRole("button", { name: `Make ${PLAIN} the default` })).toBeVisible();
});

// The accounts server of playwright.config.ts, with the same two models.
const accounts = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 6}`;

async function signIn(page: Page, email: string) {
  await page.goto(`${accounts}/en/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".account-menu")).toBeVisible();
}

test("with accounts, a reader sees the figures and another model's translation but cannot store or choose", async ({
  page,
}) => {
  await signIn(page, "reader@example.org");
  await page.goto(`${accounts}/en/models`);
  await expect(page.getByText("Only an administrator can choose the default model.")).toBeVisible();
  await expect(page.locator(`.model-card[data-model="${PLAIN}"]`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Make .* the default$/ })).toHaveCount(0);

  const listed = await page.request.get(`${accounts}/api/articles`);
  const articles = (await listed.json()) as { slug: string }[];
  await page.goto(`${accounts}/en/articles/${articles[0]!.slug}`);
  await waitForTranslation(page);
  // Enter on the focused sentence: a click could land on a glossary term, which opens its card.
  await target(page, 0).focus();
  await page.keyboard.press("Enter");
  const editor = page.locator(".segment-editor");
  await editor.getByRole("button", { name: `Translate with ${PLAIN}` }).click();
  await expect(editor.locator(".alternative-text")).not.toBeEmpty();
  await expect(editor.getByRole("button", { name: "Use this translation" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "More", exact: true }).click();
  await expect(page.getByRole("button", { name: "Retranslate" })).toBeVisible();
  await expect(page.getByLabel("Retranslate with")).toHaveCount(0);
});

test("with accounts, an editor may choose the model to retranslate with but not the default", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  await page.goto(`${accounts}/en/models`);
  await expect(page.getByText("Only an administrator can choose the default model.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Make .* the default$/ })).toHaveCount(0);
  const listed = await page.request.get(`${accounts}/api/articles`);
  const articles = (await listed.json()) as { slug: string }[];
  await page.goto(`${accounts}/en/articles/${articles[0]!.slug}`);
  await page.getByRole("button", { name: "More", exact: true }).click();
  await expect(page.getByLabel("Retranslate with")).toHaveValue(MARIAN);
});
