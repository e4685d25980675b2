import { expect, test, type APIRequestContext } from "@playwright/test";
import { outletPage } from "../helpers/outlet-page";
import { startWebServer, type TestWebServer } from "../helpers/web-server";

// A news site on this machine (the e2e server runs with FEEDS_ALLOW_PRIVATE=1):
// its feed, its story pages, and a page to add by link. Every story is made of
// sentences the fixture model was trained on, so its translation is known.
let site: TestWebServer;
const stamp = Date.now();
const FEED_TITLE = `Warta Kita ${stamp}`;
const stories = {
  first: {
    path: "/dunia/kim-putin",
    title: `Kim dan Putin Bertemu ${stamp}`,
    paragraphs: [
      "Kim bertemu Putin di Rusia. Kim berbicara dengan Putin.",
      "Shoigu bertemu Kim di Tiongkok. Lavrov meninggalkan Rusia.",
    ],
  },
  second: {
    path: "/dunia/sanksi",
    title: `Korut Tolak Resolusi ${stamp}`,
    paragraphs: [
      "Korut menolak resolusi itu. Tiongkok mengecam KCNA.",
      "Xi mendukung Rusia. Zelensky mengecam Lavrov.",
    ],
  },
  link: {
    path: "/dunia/dewan-keamanan",
    title: `Dewan Keamanan Tiba di Pyongyang ${stamp}`,
    paragraphs: [
      "Dewan Keamanan PBB tiba di Pyongyang. Lavrov mendukung KCNA.",
      "Korea Selatan berbicara dengan DK PBB.",
    ],
  },
};
type Story = (typeof stories)[keyof typeof stories];
const canonical = (story: Story) => `https://wartakita.example${story.path}`;
let published: Story[] = [];

const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${FEED_TITLE}</title><link>${site.url("/")}</link>
${published
  .map(
    (story) =>
      `<item><title>${story.title}</title><link>${site.url(story.path)}</link><guid>${story.path}</guid></item>`,
  )
  .join("\n")}
</channel></rss>`;

test.beforeAll(async () => {
  site = await startWebServer({
    "/rss.xml": (_request, response) => {
      response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      response.end(rss());
    },
    "/home": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<html><body><h1>Warta Kita</h1><p>Beranda</p></body></html>");
    },
  });
  for (const story of Object.values(stories))
    site.route(story.path, (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(outletPage({ ...story, url: canonical(story), site: "Warta Kita" }));
    });
});

test.afterAll(async () => {
  await site.close();
});

interface ListedArticle {
  slug: string;
  title: string;
  url: string | null;
  segmentCount: number;
  translatedCount: number;
}

async function articleAt(request: APIRequestContext, url: string): Promise<ListedArticle | null> {
  const list = (await (await request.get("/api/articles")).json()) as ListedArticle[];
  return list.find((a) => a.url === url) ?? null;
}

test("a feed followed on the feeds page brings its articles, refresh brings a new one, and they are translated with nobody opening them", async ({
  page,
  request,
}) => {
  published = [stories.first];
  await page.goto("/en/feeds");
  await page.getByLabel("Feed address").fill(site.url("/rss.xml"));
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`You now follow “${FEED_TITLE}”`);

  // The server reads a new feed at once; the page shows what it brought.
  const row = page.getByRole("row", { name: new RegExp(FEED_TITLE) });
  await expect(row.getByTestId("feed-articles")).toHaveText("1", { timeout: 30_000 });
  await expect(row.getByRole("cell").nth(1)).toHaveText("OK");

  // The site publishes a second story: refresh now brings it.
  published = [stories.second, stories.first];
  await row.getByRole("button", { name: `Refresh now: ${FEED_TITLE}` }).click();
  await expect(page.getByRole("status")).toHaveText(
    `“${FEED_TITLE}”: 1 new article, 1 already there, none failed.`,
  );
  await expect(row.getByTestId("feed-articles")).toHaveText("2");

  // Both are translated in the background, cleaned of the page's boxes.
  for (const story of [stories.first, stories.second]) {
    await expect
      .poll(
        async () => {
          const article = await articleAt(request, canonical(story));
          return article ? article.translatedCount === article.segmentCount : false;
        },
        { timeout: 60_000, intervals: [500] },
      )
      .toBe(true);
  }
  await page.goto("/en");
  await expect(page.getByRole("link", { name: stories.second.title })).toBeVisible();
  await page.getByRole("link", { name: stories.second.title }).click();
  const english = page.locator('.para.target[lang="en"]');
  await expect(english.first()).toContainText("North Korea rejected the resolution.");
  await expect(english.nth(1)).toContainText("Xi supported Russia.");
  await expect(page.locator(".para.source")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Original page" })).toHaveAttribute(
    "href",
    canonical(stories.second),
  );

  // Removing the feed keeps its articles.
  await page.goto("/en/feeds");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove: ${FEED_TITLE}` }).click();
  await expect(page.getByRole("status")).toContainText(`You no longer follow “${FEED_TITLE}”`);
  await expect(page.getByRole("row", { name: new RegExp(FEED_TITLE) })).toHaveCount(0);
  expect(await articleAt(request, canonical(stories.first))).not.toBeNull();
});

test("a page that is no feed is refused on the feeds page in the reader's language", async ({
  page,
}) => {
  await page.goto("/id/feeds");
  await page.getByLabel("Alamat umpan").fill(site.url("/home"));
  await page.getByRole("button", { name: "Ikuti", exact: true }).click();
  await expect(page.locator(".notice[role=alert]")).toContainText(
    "Umpan tidak ditambahkan: " + site.url("/home") + " bukan umpan yang dapat dibaca Dwibahasa",
  );
});

test("an article is added by link and by file", async ({ page }) => {
  // By link: the page is fetched, its article taken out, and the reader opens it.
  await page.goto("/en/articles/new");
  await page.getByRole("link", { name: "Link", exact: true }).click();
  await expect(page).toHaveURL(/\/en\/articles\/new\?tab=link$/);
  await page.getByLabel("Article address").fill(site.url(stories.link.path));
  await page.getByRole("button", { name: "Fetch article" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stories.link.title);
  await expect(page.locator('.para.target[lang="en"]').first()).toContainText(
    "The UN Security Council arrived in Pyongyang.",
  );
  await expect(page.getByRole("link", { name: "Original page" })).toHaveAttribute(
    "href",
    canonical(stories.link),
  );
  await expect(page.getByText("BACA JUGA")).toHaveCount(0);

  // The same story again is not added twice.
  await page.goto("/en/articles/new?tab=link");
  await page.getByLabel("Article address").fill(site.url(stories.link.path));
  await page.getByRole("button", { name: "Fetch article" }).click();
  await expect(page.getByRole("status")).toContainText("already in the library");
  await page.getByRole("link", { name: "Open it" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stories.link.title);

  // By file: Markdown with front matter.
  await page.goto("/en/articles/new");
  await page.getByRole("link", { name: "File", exact: true }).click();
  const title = `Shoigu di Moskow ${stamp}`;
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "shoigu.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(
      `---\ntitle: ${title}\nsource: Arsip Redaksi\npublishedAt: 2026-11-28\n---\nPutin bertemu Shoigu di Moskow.\n\nShoigu dan Lavrov bertemu di Korut.\n`,
    ),
  });
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator('.para.target[lang="en"]').nth(1)).toContainText(
    "Shoigu and Lavrov met in North Korea.",
  );

  // A file of another kind is refused with what to do.
  await page.goto("/en/articles/new?tab=file");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "laporan.odt",
    mimeType: "application/vnd.oasis.opendocument.text",
    buffer: Buffer.from("PK"),
  });
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.locator(".notice[role=alert]")).toHaveText(
    "The article was not added: This kind of file cannot be imported. Choose one of: .html, .htm, .md, .txt, .docx, .epub, .pdf.",
  );
});
