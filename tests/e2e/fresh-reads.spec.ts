import { expect, test } from "@playwright/test";

interface View {
  paragraphs: {
    segments: { id: number; translation: { text: string; revisionId: number } | null }[];
  }[];
}

// The reader's article view is cached on the server; a save must be on the very next read.
test("a save is on the next read of the page and of the API, however often it was read before", async ({
  page,
  request,
}) => {
  const created = await request.post("/api/articles", {
    data: { title: "Baca segar", text: "Menteri tiba di Jakarta.\n\nRapat dimulai pagi ini." },
  });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };
  const translated = await request.post(`/api/articles/${slug}/translate`);
  expect(await translated.text()).toContain('"type":"done"');

  const target = page.locator(".para.target .sentence").first();
  for (let round = 1; round <= 3; round++) {
    // Read (and cache) the page and the JSON a few times first: the server keeps both whole.
    await page.goto(`/en/articles/${slug}`);
    // Twice each: the first page answer sets the language cookie, which the next requests send.
    for (let i = 0; i < 2; i++) {
      await request.get(`/en/articles/${slug}`);
      await request.get(`/api/articles/${slug}`);
    }
    const kept = await request.get(`/en/articles/${slug}`);
    expect(kept.headers()["x-response-cache"]).toBe("hit");
    const json = await request.get(`/api/articles/${slug}`);
    expect(json.headers()["x-response-cache"]).toBe("hit");
    const view = (await json.json()) as View;
    const segment = view.paragraphs[0]!.segments[0]!;
    const text = `The minister arrived in Jakarta (${round}).`;
    const saved = await request.put(`/api/segments/${segment.id}/translation`, {
      data: { text, baseRevisionId: segment.translation!.revisionId },
    });
    expect(saved.status()).toBe(201);
    const after = (await (await request.get(`/api/articles/${slug}`)).json()) as View;
    expect(after.paragraphs[0]!.segments[0]!.translation!.text).toBe(text);
    await page.reload();
    await expect(target).toContainText(text);
  }
});

test("a glossary entry added is highlighted on the next read of a page the server kept", async ({
  page,
  request,
}) => {
  const created = await request.post("/api/articles", {
    data: { title: "Istilah segar", text: "Dewan Kota Bandung bersidang hari ini." },
  });
  const { slug } = (await created.json()) as { slug: string };
  const translated = await request.post(`/api/articles/${slug}/translate`);
  expect(await translated.text()).toContain('"type":"done"');
  await page.goto(`/en/articles/${slug}`);
  // The first answer sets the language cookie, which the next requests send.
  await request.get(`/en/articles/${slug}`);
  await request.get(`/en/articles/${slug}`);
  expect((await request.get(`/en/articles/${slug}`)).headers()["x-response-cache"]).toBe("hit");
  await expect(page.locator(".para.source .term")).toHaveCount(0);
  const entry = await request.post("/api/glossary", {
    data: {
      term: "Dewan Kota",
      translation: "City Council",
      category: "organization",
      aliases: [],
    },
  });
  expect(entry.status()).toBe(201);
  await page.reload();
  await expect(page.locator(".para.source .term").first()).toHaveText("Dewan Kota");
  // The page's scripts ran with the nonce of this response: the term opens its translation.
  await page.locator(".para.source .term").first().click();
  await expect(page.getByRole("tooltip")).toContainText("City Council");
});
