import zlib from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "@/lib/web/address";
import { fetchDocument, FetchError } from "@/lib/web/fetch";
import { send, startWebServer, type TestWebServer } from "../helpers/web-server";

let server: TestWebServer;
const allowPrivate = process.env.FEEDS_ALLOW_PRIVATE;

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

beforeAll(async () => {
  process.env.FEEDS_ALLOW_PRIVATE = "1";
  server = await startWebServer({
    "/page": send("<p>Halo dunia</p>", "text/html; charset=utf-8"),
    "/moved": (_req, res) => {
      res.writeHead(301, { location: "/page" });
      res.end();
    },
    "/broken": send("oops", "text/plain", 500),
    "/slow": (_req, res) => {
      const timer = setTimeout(() => res.end("late"), 5_000);
      res.on("close", () => clearTimeout(timer));
    },
    "/huge": (_req, res) => {
      // No Content-Length: the limit must hold while reading.
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const write = () => {
        while (sent < 6_000_000) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", write);
        }
        res.end();
      };
      res.on("error", () => {});
      write();
    },
    "/cp1252": send(
      iconv.encode("<p>Kafe “Déjà vu” — 5 €</p>", "windows-1252"),
      "text/html; charset=windows-1252",
    ),
    "/latin1-meta": send(
      Buffer.concat([
        Buffer.from('<html><head><meta charset="ISO-8859-1"></head><body>'),
        iconv.encode("Café à la mode", "latin1"),
        Buffer.from("</body></html>"),
      ]),
      "text/html",
    ),
    "/gzip": (_req, res) => {
      res.writeHead(200, {
        "content-type": "text/plain; charset=utf-8",
        "content-encoding": "gzip",
      });
      res.end(zlib.gzipSync("Berita terkompresi"));
    },
    "/etag": (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304);
        return void res.end();
      }
      res.writeHead(200, {
        "content-type": "text/plain",
        etag: '"v1"',
        "last-modified": "Tue, 01 Dec 2026 10:00:00 GMT",
      });
      res.end("versi satu");
    },
  });
  for (let n = 1; n <= 6; n++) {
    server.route(`/loop${n}`, (_req, res) => {
      res.writeHead(302, { location: `/loop${n + 1}` });
      res.end();
    });
  }
  server.route("/loop7", send("end of the chain", "text/plain"));
});

afterAll(async () => {
  if (allowPrivate === undefined) delete process.env.FEEDS_ALLOW_PRIVATE;
  else process.env.FEEDS_ALLOW_PRIVATE = allowPrivate;
  await server.close();
});

describe("fetchDocument", () => {
  it("fetches a page and follows a redirect to it", async () => {
    const page = await fetchDocument(server.url("/moved"));
    expect(page.status).toBe(200);
    expect(page.url).toBe(server.url("/page"));
    expect(page.text).toBe("<p>Halo dunia</p>");
  });

  it("follows at most 5 redirects", async () => {
    expect((await fetchDocument(server.url("/loop2"))).text).toBe("end of the chain");
    const error = await failure(fetchDocument(server.url("/loop1")));
    expect(error.code).toBe("fetchTooManyRedirects");
    expect(error.params.maximum).toBe(5);
  });

  it("reports a server error with its status", async () => {
    const error = await failure(fetchDocument(server.url("/broken")));
    expect(error.code).toBe("fetchHttpStatus");
    expect(error.params.status).toBe(500);
    expect(error.message).toContain("500");
  });

  it("gives up on a slow answer", async () => {
    const started = Date.now();
    const error = await failure(fetchDocument(server.url("/slow"), { timeoutMs: 500 }));
    expect(error.code).toBe("fetchTimeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops reading a page over the size limit", async () => {
    const error = await failure(fetchDocument(server.url("/huge")));
    expect(error.code).toBe("fetchTooLarge");
    expect(error.params.maximum).toBe(5);
  });

  it("decodes windows-1252 and ISO-8859-1 pages", async () => {
    expect((await fetchDocument(server.url("/cp1252"))).text).toBe("<p>Kafe “Déjà vu” — 5 €</p>");
    const latin1 = await fetchDocument(server.url("/latin1-meta"));
    expect(latin1.text).toContain("Café à la mode");
  });

  it("decompresses gzip", async () => {
    expect((await fetchDocument(server.url("/gzip"))).text).toBe("Berita terkompresi");
  });

  it("sends conditional requests and reports an unchanged document", async () => {
    const first = await fetchDocument(server.url("/etag"));
    expect(first.etag).toBe('"v1"');
    const second = await fetchDocument(server.url("/etag"), { etag: first.etag });
    expect(second.notModified).toBe(true);
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
  });

  it("refuses other schemes and bad addresses", async () => {
    expect((await failure(fetchDocument("file:///etc/passwd"))).code).toBe("fetchSchemeRefused");
    expect((await failure(fetchDocument("ftp://example.com/x"))).code).toBe("fetchSchemeRefused");
    expect((await failure(fetchDocument("not a url"))).code).toBe("fetchUrlInvalid");
  });

  it("refuses this computer and private networks unless allowed", async () => {
    delete process.env.FEEDS_ALLOW_PRIVATE;
    try {
      for (const url of [
        server.url("/page"),
        "http://localhost:1/",
        "http://[::1]:1/",
        "http://10.0.0.1/",
      ]) {
        expect((await failure(fetchDocument(url))).code).toBe("fetchPrivateRefused");
      }
    } finally {
      process.env.FEEDS_ALLOW_PRIVATE = "1";
    }
  });
});

describe("isPublicAddress", () => {
  it("accepts public addresses only", () => {
    for (const address of ["8.8.8.8", "2606:4700:4700::1111", "203.0.114.1"])
      expect(isPublicAddress(address)).toBe(true);
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fc00::1",
      "::ffff:127.0.0.1",
      "224.0.0.1",
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });
});
