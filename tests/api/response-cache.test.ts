// The response cache (lib/cache/response-cache.ts) in front of a real HTTP
// server on loopback, with handlers that read the app's data the way pages do.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getArticleView } from "@/lib/articles/queries";
import { ResponseCache, RESPONSE_CACHE_HEADER } from "@/lib/cache/response-cache";
import { getDb, type Db } from "@/lib/db/client";
import { saveTranslation } from "@/lib/revisions/corrections";
import { searchLibrary } from "@/lib/search/query";
import { LIMITS } from "@/lib/security/rate-limit";
import { freshDb } from "../helpers/db";
import { addArticle } from "../helpers/library";

const NONCE_HEADER = "x-test-render-nonce";

let db: Db;
let cache: ResponseCache;
let base: string;
let server: http.Server;
/** How often each path was made by the app (not served from memory). */
const made = new Map<string, number>();
/** Nonces the handlers were asked to render with. */
const renderedWith: string[] = [];
let holdSlow: Promise<void> = Promise.resolve();

async function app(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  made.set(url.pathname, (made.get(url.pathname) ?? 0) + 1);
  const nonce = String(request.headers[NONCE_HEADER] ?? "");
  renderedWith.push(nonce);
  const page = (body: string) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.setHeader("content-security-policy", `script-src 'nonce-${nonce}'`);
    response.write(`<html><head><script nonce="${nonce}">1</script></head>`);
    response.end(`<body>${body}<script nonce="${nonce}">2</script></body></html>`);
  };
  if (url.pathname.startsWith("/page/")) {
    const view = await getArticleView(getDb(), url.pathname.slice("/page/".length));
    page(view.paragraphs[0]!.segments[0]!.translation?.text ?? "(untranslated)");
  } else if (url.pathname === "/uncovered") {
    page(String(await getDb().article.count()));
  } else if (url.pathname === "/slow") {
    const view = await getArticleView(getDb(), "cached-page");
    await holdSlow;
    page(view.paragraphs[0]!.segments[0]!.translation?.text ?? "(untranslated)");
  } else if (url.pathname === "/api/search") {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(await searchLibrary(getDb(), url.searchParams.get("q")!, "id")));
  } else if (url.pathname === "/throws") {
    throw new Error("the page failed");
  } else if (url.pathname === "/stream") {
    response.setHeader("content-type", "text/plain");
    response.write("first ");
    await new Promise((r) => setTimeout(r, 300));
    response.end("second");
  } else {
    response.statusCode = 404;
    response.end("not here");
  }
}

beforeAll(async () => {
  process.env.DWIBAHASA_RENDER_NONCE_HEADER = NONCE_HEADER;
  server = http.createServer((request, response) => void cache.serve(request, response, app));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.DWIBAHASA_RENDER_NONCE_HEADER;
  await new Promise((resolve) => server.close(resolve));
});

let segmentId: number;

beforeEach(async () => {
  ({ db } = freshDb());
  cache = new ResponseCache(50);
  made.clear();
  renderedWith.length = 0;
  const [segment] = await addArticle(db, "cached-page", [["Menteri tiba di Jakarta."]]);
  segmentId = segment!.id;
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers });
  return {
    response,
    outcome: response.headers.get(RESPONSE_CACHE_HEADER),
    body: await response.text(),
  };
}

/** fetch cannot set Host. */
function outcomeForHost(path: string, host: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(base + path, { headers: { host } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.headers[RESPONSE_CACHE_HEADER] as string));
      })
      .on("error", reject);
  });
}

const noncesIn = (body: string) => [...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);

describe("the response cache", () => {
  it("makes a page once, then serves it with a fresh nonce in every response", async () => {
    const first = await get("/page/cached-page");
    const second = await get("/page/cached-page");
    expect([first.outcome, second.outcome]).toEqual(["kept", "hit"]);
    expect(made.get("/page/cached-page")).toBe(1);
    expect(second.body.replace(/nonce="[^"]+"/g, "")).toBe(
      first.body.replace(/nonce="[^"]+"/g, ""),
    );
    const nonces = [first, second].map(({ response, body }) => {
      const inBody = noncesIn(body);
      expect(new Set(inBody).size).toBe(1);
      // The policy allows the page's own scripts, and only with this response's nonce.
      expect(response.headers.get("content-security-policy")).toBe(
        `script-src 'nonce-${inBody[0]}'`,
      );
      return inBody[0];
    });
    expect(nonces[0]).not.toBe(nonces[1]);
    // The nonce the page was rendered with never leaves the server.
    expect(nonces).not.toContain(renderedWith[0]);
  });

  it("serves a correction on the very next read after it is saved", async () => {
    await get("/page/cached-page");
    expect((await get("/page/cached-page")).outcome).toBe("hit");
    await saveTranslation(db, segmentId, { text: "The minister arrived.", baseRevisionId: null });
    const after = await get("/page/cached-page");
    expect(after.outcome).toBe("kept");
    expect(after.body).toContain("The minister arrived.");
    expect((await get("/page/cached-page")).body).toContain("The minister arrived.");
  });

  it("does not keep a response that read the database outside a tagged cache", async () => {
    const first = await get("/uncovered");
    expect(first.outcome).toMatch(/^not kept: read the database/);
    await addArticle(db, "another", [["Satu kalimat."]]);
    const second = await get("/uncovered");
    expect(second.body).toContain("<body>2<");
    expect(made.get("/uncovered")).toBe(2);
  });

  it("does not keep a response during whose making what it read changed", async () => {
    let release!: () => void;
    holdSlow = new Promise((resolve) => (release = resolve));
    const slow = get("/slow");
    await new Promise((r) => setTimeout(r, 200));
    await saveTranslation(db, segmentId, { text: "Saved meanwhile.", baseRevisionId: null });
    release();
    expect((await slow).outcome).toBe("not kept: what it read changed meanwhile");
    holdSlow = Promise.resolve();
    const next = await get("/slow");
    expect(next.body).toContain("Saved meanwhile.");
    expect(next.outcome).toBe("kept");
  });

  it("keeps responses apart by cookie and by Host", async () => {
    await get("/page/cached-page");
    expect((await get("/page/cached-page", { cookie: "NEXT_LOCALE=id" })).outcome).toBe("kept");
    expect(await outcomeForHost("/page/cached-page", "localhost")).toBe("kept");
    expect(made.get("/page/cached-page")).toBe(3);
  });

  it("counts a request served from memory against its rate limit", async () => {
    const { points } = LIMITS.search;
    const outcomes: (string | null)[] = [];
    for (let i = 0; i < points + 2; i++)
      outcomes.push((await get("/api/search?q=menteri")).outcome);
    // The first is made (the proxy counts it there); the next `points` come from memory and are counted here.
    expect(outcomes.slice(0, points + 1)).toEqual(["kept", ...Array<string>(points).fill("hit")]);
    // Over the limit, the request goes on to the app, whose proxy refuses it.
    expect(outcomes[points + 1]).not.toBe("hit");
    expect(made.get("/api/search")).toBe(2);
  });

  it("answers 500 when making a page throws, and keeps nothing", async () => {
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (error: unknown) => errors.push(error);
    try {
      expect((await get("/throws")).response.status).toBe(500);
      expect((await get("/throws")).response.status).toBe(500);
    } finally {
      console.error = log;
    }
    expect(made.get("/throws")).toBe(2);
    expect(String(errors[0])).toContain("the page failed");
  });

  it("passes other responses on as they are written", async () => {
    const started = Date.now();
    const response = await fetch(`${base}/stream`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("first ");
    expect(Date.now() - started).toBeLessThan(250);
    let rest = "";
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toBe("second");
    expect(response.headers.get(RESPONSE_CACHE_HEADER)).toBeNull();
  });
});
