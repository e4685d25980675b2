import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as removeFeed } from "@/app/api/feeds/[id]/route";
import { POST as refresh } from "@/app/api/feeds/[id]/refresh/route";
import { GET as listFeeds, POST as subscribe } from "@/app/api/feeds/route";
import type { Db } from "@/lib/db/client";
import { readFeed } from "@/lib/feeds/parse";
import { freshDb } from "../helpers/db";
import { send, startWebServer, type TestWebServer } from "../helpers/web-server";

let db: Db;
let server: TestWebServer;
const allowPrivate = process.env.FEEDS_ALLOW_PRIVATE;
const page = fs.readFileSync("tests/fixtures/pages/kabar-nusantara.html", "utf8");
/** A second story on the same outlet's template. */
const secondPage = page
  .replaceAll("ekonomi/kereta-sumatra", "daerah/pelabuhan-belawan")
  .replace(/<div class="detail-body">[\s\S]*?<\/div>\s*<div class="tags">/, (m) =>
    m.replace(
      /<p>[\s\S]*<\/p>/,
      "<p><strong>MEDAN - </strong>Pelabuhan Belawan menambah dua dermaga baru untuk kapal peti kemas mulai bulan depan.</p><p>Kepala pelabuhan mengatakan antrean kapal yang biasanya mencapai tiga hari kini diperkirakan hanya satu hari.</p><p>Pemerintah daerah berharap biaya logistik bagi pengusaha di Sumatra Utara ikut turun setelah dermaga itu beroperasi.</p>",
    ),
  )
  .replaceAll(
    "Pemerintah Perluas Jaringan Kereta di Sumatra",
    "Pelabuhan Belawan Tambah Dua Dermaga",
  );

let etagHits = 0;
const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar Nusantara - Ekonomi</title><link>${server.url("/")}</link>
<item><title>Pemerintah Perluas Jaringan Kereta di Sumatra</title><link>${server.url("/ekonomi/kereta-sumatra")}</link><guid>kn-1</guid><pubDate>Mon, 30 Nov 2026 01:15:00 GMT</pubDate></item>
<item><title>Pelabuhan Belawan Tambah Dua Dermaga</title><link>${server.url("/daerah/pelabuhan-belawan")}</link><guid>kn-2</guid><pubDate>Tue, 01 Dec 2026 03:00:00 GMT</pubDate></item>
<item><title>Halaman hilang</title><link>${server.url("/hilang")}</link><guid>kn-3</guid></item>
</channel></rss>`;

const post = (url: string, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const idParams = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  process.env.FEEDS_ALLOW_PRIVATE = "1";
  db = freshDb().db;
  server = await startWebServer({
    "/ekonomi/kereta-sumatra": send(page, "text/html; charset=utf-8"),
    "/daerah/pelabuhan-belawan": send(secondPage, "text/html; charset=utf-8"),
    "/rss.xml": (req, res) => {
      if (req.headers["if-none-match"] === '"feed-v1"') {
        etagHits++;
        res.writeHead(304);
        return void res.end();
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"feed-v1"' });
      res.end(rss());
    },
    "/site": send("<html><body><p>Bukan umpan</p></body></html>", "text/html"),
    "/down.xml": send("oops", "text/plain", 500),
  });
});

afterAll(async () => {
  if (allowPrivate === undefined) delete process.env.FEEDS_ALLOW_PRIVATE;
  else process.env.FEEDS_ALLOW_PRIVATE = allowPrivate;
  await server.close();
});

describe("feeds API", () => {
  let feedId = 0;

  it("subscribes to a feed, refuses it twice and refuses what is no feed", async () => {
    const response = await subscribe(
      post("/api/feeds", { url: server.url("/rss.xml") }),
      undefined,
    );
    expect(response.status).toBe(201);
    const feed = (await response.json()) as { id: number; title: string; url: string };
    expect(feed).toMatchObject({ title: "Kabar Nusantara - Ekonomi", url: server.url("/rss.xml") });
    feedId = feed.id;
    const again = await subscribe(post("/api/feeds", { url: server.url("/rss.xml") }), undefined);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "feedExists" });
    const notFeed = await subscribe(post("/api/feeds", { url: server.url("/site") }), undefined);
    expect(notFeed.status).toBe(422);
    expect(await notFeed.json()).toMatchObject({ code: "feedUnreadable" });
    expect(await db.feed.count()).toBe(1);
  });

  it("brings the feed's items in as articles, reports the one it could not fetch, and brings nothing twice", async () => {
    const response = await refresh(post(`/api/feeds/${feedId}/refresh`), idParams(feedId));
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      added: number;
      skipped: number;
      failed: { url: string; error: string }[];
    };
    expect(report.added).toBe(2);
    expect(report.failed).toEqual([
      {
        url: server.url("/hilang"),
        error: expect.stringContaining("404"),
        code: "fetchHttpStatus",
        params: expect.objectContaining({ status: 404 }),
      },
    ]);
    // The feed says so in the reader's language until the next good fetch.
    const afterFirst = (await (
      await listFeeds(new Request("http://localhost/api/feeds"), undefined)
    ).json()) as { lastErrorCode: string; lastErrorParams: unknown }[];
    expect(afterFirst[0]).toMatchObject({
      lastErrorCode: "feedItemsFailed",
      lastErrorParams: { count: 1, url: server.url("/hilang") },
    });
    const articles = await db.article.findMany({
      orderBy: { publishedAt: "asc" },
      select: { title: true, source: true, url: true },
    });
    expect(articles).toEqual([
      {
        title: "Pemerintah Perluas Jaringan Kereta di Sumatra",
        source: "Kabar Nusantara",
        url: "https://kabarnusantara.example/ekonomi/kereta-sumatra",
      },
      {
        title: "Pelabuhan Belawan Tambah Dua Dermaga",
        source: "Kabar Nusantara",
        url: "https://kabarnusantara.example/daerah/pelabuhan-belawan",
      },
    ]);

    // The feed has not changed: a conditional request, and nothing new.
    const second = (await (
      await refresh(post(`/api/feeds/${feedId}/refresh`), idParams(feedId))
    ).json()) as { added: number };
    expect(second.added).toBe(0);
    expect(etagHits).toBe(1);
    expect(await db.article.count()).toBe(2);

    const listed = (await (
      await listFeeds(new Request("http://localhost/api/feeds"), undefined)
    ).json()) as {
      id: number;
      articleCount: number;
      lastFetchedAt: string | null;
      nextFetchAt: string;
      lastError: string | null;
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: feedId, articleCount: 2, lastError: null });
    const next =
      new Date(listed[0]!.nextFetchAt).getTime() - new Date(listed[0]!.lastFetchedAt!).getTime();
    expect(Math.round(next / 60_000)).toBe(30);
  });

  it("records a feed's failure and waits longer before the next try", async () => {
    const feed = await db.feed.create({ data: { url: server.url("/down.xml"), title: "Down" } });
    const first = (await (
      await refresh(post(`/api/feeds/${feed.id}/refresh`), idParams(feed.id))
    ).json()) as { error: string; code: string; params: Record<string, unknown> };
    expect(first.error).toContain("500");
    expect(first).toMatchObject({ code: "fetchHttpStatus", params: { status: 500 } });
    await refresh(post(`/api/feeds/${feed.id}/refresh`), idParams(feed.id));
    const stored = await db.feed.findUniqueOrThrow({ where: { id: feed.id } });
    expect(stored.lastError).toContain("500");
    expect(stored.lastErrorCode).toBe("fetchHttpStatus");
    expect(stored.failures).toBe(2);
    expect(
      Math.round((stored.nextFetchAt.getTime() - stored.lastFetchedAt!.getTime()) / 60_000),
    ).toBe(120);
    await removeFeed(new Request("http://localhost", { method: "DELETE" }), idParams(feed.id));
  });

  it("unsubscribes and keeps the articles", async () => {
    const response = await removeFeed(
      new Request("http://localhost", { method: "DELETE" }),
      idParams(feedId),
    );
    expect(response.status).toBe(204);
    expect(await db.feed.count()).toBe(0);
    expect(await db.article.count()).toBe(2);
    const missing = await removeFeed(
      new Request("http://localhost", { method: "DELETE" }),
      idParams(feedId),
    );
    expect(missing.status).toBe(404);
  });
});

describe("readFeed", () => {
  it("reads Atom and JSON Feed items", () => {
    const atom = readFeed(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Warta</title><entry><id>urn:w:1</id><title>Satu</title><link href="/berita/1"/><published>2026-11-29T10:00:00Z</published></entry></feed>`,
      "https://warta.example/atom.xml",
    );
    expect(atom).toEqual({
      title: "Warta",
      entries: [
        {
          key: "urn:w:1",
          link: "https://warta.example/berita/1",
          title: "Satu",
          publishedAt: "2026-11-29",
        },
      ],
    });
    const json = readFeed(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Kabar",
        items: [{ id: "9", url: "https://kabar.example/9", title: "Sembilan" }],
      }),
      "https://kabar.example/feed.json",
    );
    expect(json?.entries).toEqual([
      { key: "9", link: "https://kabar.example/9", title: "Sembilan", publishedAt: null },
    ]);
    expect(readFeed("<html><body>no</body></html>", "https://x.example/")).toBeNull();
  });
});
