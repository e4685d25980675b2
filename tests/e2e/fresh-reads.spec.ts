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
    // Read (and cache) the page and the JSON a few times first.
    await page.goto(`/en/articles/${slug}`);
    const view = (await (await request.get(`/api/articles/${slug}`)).json()) as View;
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
