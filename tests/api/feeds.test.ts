import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as removeFeed } from "@/app/api/feeds/[id]/route";
import { POST as refresh } from "@/app/api/feeds/[id]/refresh/route";
import { GET as exportOpml, POST as importOpml } from "@/app/api/feeds/opml/route";
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
    "/atom.xml": send(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Warta &amp; Berita</title><id>urn:warta</id><updated>2026-12-01T00:00:00Z</updated></feed>`,
      "application/atom+xml",
    ),
    "/feed.json": send(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Kabar JSON",
        items: [],
      }),
      "application/feed+json",
    ),
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

describe("OPML", () => {
  const get = (url: string) => new Request(`http://localhost${url}`);
  const upload = (content: string, name = "feeds.opml") => {
    const form = new FormData();
    form.set("file", new File([content], name, { type: "text/x-opml" }));
    return new Request("http://localhost/api/feeds/opml", { method: "POST", body: form });
  };
  type Listed = { url: string; title: string }[];
  const listed = async () =>
    ((await (await listFeeds(get("/api/feeds"), undefined)).json()) as Listed).map(
      ({ url, title }) => ({ url, title }),
    );
  const withoutDate = (opml: string) => opml.replace(/<dateCreated>[^<]*<\/dateCreated>/, "");

  it("exports the feeds followed and imports them into a fresh library, the same list again", async () => {
    freshDb();
    for (const path of ["/rss.xml", "/atom.xml", "/feed.json"])
      expect(
        (await subscribe(post("/api/feeds", { url: server.url(path) }), undefined)).status,
      ).toBe(201);
    const before = await listed();
    const exported = await exportOpml(get("/api/feeds/opml"), undefined);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^text\/x-opml/);
    expect(exported.headers.get("content-disposition")).toMatch(
      /^attachment; filename=".+\.opml"$/,
    );
    const opml = await exported.text();
    expect(opml).toContain('<opml version="2.0">');
    expect(opml).toContain("Warta &amp; Berita");

    freshDb();
    expect(await listed()).toEqual([]);
    const imported = await importOpml(upload(opml), undefined);
    expect(imported.status).toBe(200);
    const report = (await imported.json()) as {
      added: { title: string; url: string }[];
      skipped: number;
      failed: unknown[];
    };
    expect(report.skipped).toBe(0);
    expect(report.failed).toEqual([]);
    expect(report.added.map((f) => f.url).sort()).toEqual(before.map((f) => f.url).sort());
    expect(await listed()).toEqual(before);
    const again = await (await exportOpml(get("/api/feeds/opml"), undefined)).text();
    expect(withoutDate(again)).toBe(withoutDate(opml));

    // Importing the same list again follows nothing twice (JSON body this time).
    const twice = await importOpml(post("/api/feeds/opml", { content: opml }), undefined);
    expect(await twice.json()).toEqual({ added: [], skipped: 3, failed: [] });
  });

  it("follows the readable feeds of a list, nested in folders, and reports the others", async () => {
    freshDb();
    const opml = `<?xml version="1.0"?>
<opml version="1.0"><head><title>Dari pembaca lain</title></head><body>
  <outline text="Berita"><outline text="Kabar" type="rss" xmlUrl="${server.url("/rss.xml")}"/>
    <outline text="Bukan umpan" type="rss" xmlUrl="${server.url("/site")}"/></outline>
  <outline text="Mati" type="rss" xmlurl="${server.url("/down.xml")}"/>
  <outline text="Berkas" type="rss" xmlUrl="file:///etc/passwd"/>
  <outline text="Kabar lagi" type="rss" xmlUrl="${server.url("/rss.xml")}"/>
</body></opml>`;
    const report = (await (await importOpml(upload(opml), undefined)).json()) as {
      added: { url: string }[];
      skipped: number;
      failed: { url: string; code: string }[];
    };
    expect(report.added.map((f) => f.url)).toEqual([server.url("/rss.xml")]);
    expect(report.skipped).toBe(0);
    expect(report.failed.map((f) => [f.url, f.code]).sort()).toEqual(
      [
        [server.url("/site"), "feedUnreadable"],
        [server.url("/down.xml"), "fetchHttpStatus"],
        ["file:///etc/passwd", "fetchSchemeRefused"],
      ].sort(),
    );
    expect((await listed()).map((f) => f.url)).toEqual([server.url("/rss.xml")]);
  });

  it("refuses a bad OPML file with 422 and changes nothing", async () => {
    freshDb();
    await subscribe(post("/api/feeds", { url: server.url("/atom.xml") }), undefined);
    const before = await listed();
    const good = `<outline type="rss" text="Kabar" xmlUrl="${server.url("/rss.xml")}"/>`;
    for (const [content, detail] of [
      [`<opml version="2.0"><body>${good}</body>`, /Unclosed tag 'opml'/],
      [`<rss version="2.0"><channel>${good}</channel></rss>`, /not <opml>/],
      [`<opml version="2.0"><head/></opml>`, /no <body>/],
      [
        `<!DOCTYPE opml [<!ENTITY x "${server.url("/rss.xml")}">]><opml version="2.0"><body><outline xmlUrl="&x;"/></body></opml>`,
        /Unknown entity &x;/,
      ],
      ["Kabar, Warta, Berita", /./],
    ] as const) {
      const response = await importOpml(upload(content), undefined);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { code: string; params: { detail: string } };
      expect(body.code).toBe("opmlInvalid");
      expect(body.params.detail).toMatch(detail);
      expect(await listed()).toEqual(before);
    }
    const tooMany = `<opml version="2.0"><body>${Array.from(
      { length: 501 },
      (_, i) => `<outline xmlUrl="${server.url(`/feed-${i}.xml`)}"/>`,
    ).join("")}</body></opml>`;
    const refused = await importOpml(upload(tooMany), undefined);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: "opmlTooMany", params: { maximum: 500 } });
    const empty = await importOpml(
      new Request("http://localhost/api/feeds/opml", { method: "POST", body: new FormData() }),
      undefined,
    );
    expect(empty.status).toBe(422);
    expect(await listed()).toEqual(before);
  });
});

describe("unknown feeds", () => {
  it("answer 404 to refresh and remove", async () => {
    for (const id of ["999999", "abc", "0"]) {
      const params = { params: Promise.resolve({ id }) };
      const refreshed = await refresh(post(`/api/feeds/${id}/refresh`), params);
      expect(refreshed.status).toBe(404);
      expect(await refreshed.json()).toMatchObject({ code: "notFound" });
      const removed = await removeFeed(
        new Request("http://localhost", { method: "DELETE" }),
        params,
      );
      expect(removed.status).toBe(404);
    }
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
    expect(readFeed("{not json", "https://x.example/feed.json")).toBeNull();
  });

  it("dates RSS and RDF items by Dublin Core when they have no pubDate", () => {
    const dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"';
    const rss = readFeed(
      `<rss version="2.0" ${dc}><channel><title>Kabar</title><item><title>Satu</title><link>/1</link><guid isPermaLink="false">k-1</guid><dc:date>2026-11-27T08:00:00Z</dc:date></item></channel></rss>`,
      "https://kabar.example/rss.xml",
    );
    expect(rss?.entries).toEqual([
      { key: "k-1", link: "https://kabar.example/1", title: "Satu", publishedAt: "2026-11-27" },
    ]);
    const rdf = readFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ${dc}><channel rdf:about="https://r.example/"><title>Warta RDF</title><link>https://r.example/</link><description>d</description></channel><item rdf:about="https://r.example/2"><title>Dua</title><link>https://r.example/2</link><dc:date>2026-11-28T10:00:00Z</dc:date></item></rdf:RDF>`,
      "https://r.example/index.rdf",
    );
    expect(rdf).toEqual({
      title: "Warta RDF",
      entries: [
        {
          key: "https://r.example/2",
          link: "https://r.example/2",
          title: "Dua",
          publishedAt: "2026-11-28",
        },
      ],
    });
  });
});
