// The served app against requests a hostile page or network neighbour would send.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders };

/** A raw HTTP request to the app (node:http lets a test set Host, which fetch does not). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method, path, headers: { host: `localhost:${port}`, ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: text, headers: response.headers }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const entry = (term: string) =>
  JSON.stringify({ term, translation: "Forged", category: "phrase", aliases: [] });

async function glossaryHas(term: string): Promise<boolean> {
  const reply = await send("GET", `/api/glossary?q=${encodeURIComponent(term)}`, {});
  return (JSON.parse(reply.body) as { term: string }[]).some((e) => e.term === term);
}

test("writes from another site are refused with a JSON error and change nothing", async () => {
  const cases: [Record<string, string>, string][] = [
    [{ origin: "http://evil.example", "content-type": "text/plain" }, "crossSiteRefused"],
    [{ origin: "http://evil.example", "content-type": "application/json" }, "crossSiteRefused"],
    [{ "sec-fetch-site": "cross-site", "content-type": "application/json" }, "crossSiteRefused"],
    [{ origin: `http://localhost:${port}`, "content-type": "text/plain" }, "contentTypeRefused"],
    [{ "content-type": "application/x-www-form-urlencoded" }, "contentTypeRefused"],
  ];
  for (const [headers, code] of cases) {
    const reply = await send("POST", "/api/glossary", headers, entry("Serangan Lintas"));
    expect(reply.status, JSON.stringify(headers)).toBe(403);
    expect(reply.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(reply.body)).toMatchObject({ code, params: expect.any(Object) });
    expect(JSON.parse(reply.body).error).toEqual(expect.any(String));
  }
  const article = await send(
    "POST",
    "/api/articles",
    { origin: "http://evil.example", "content-type": "text/plain" },
    JSON.stringify({ title: "Palsu", text: "Ini palsu." }),
  );
  expect(article.status).toBe(403);
  expect(await glossaryHas("Serangan Lintas")).toBe(false);
  expect((await send("GET", "/api/articles/palsu", {})).status).toBe(404);

  // The same request from the app's own page, and from a program, is accepted.
  const own = await send(
    "POST",
    "/api/glossary",
    { origin: `http://localhost:${port}`, "content-type": "application/json" },
    entry("Serangan Sendiri"),
  );
  expect(own.status).toBe(201);
  expect(await glossaryHas("Serangan Sendiri")).toBe(true);
  const id = (JSON.parse(own.body) as { id: number }).id;
  expect(
    (await send("DELETE", `/api/glossary/${id}`, { origin: "http://evil.example" })).status,
  ).toBe(403);
  expect((await send("DELETE", `/api/glossary/${id}`, {})).status).toBe(204);
});

test("a page on another site cannot change the library from the reader's browser", async ({
  page,
}) => {
  // The hostile page: a cross-site "simple" request that needs no preflight.
  const evil = http.createServer((_, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<!doctype html><title>evil</title><script>
      fetch("http://localhost:${port}/api/glossary", { method: "POST", mode: "no-cors",
        headers: { "content-type": "text/plain" },
        body: ${JSON.stringify(entry("Serangan Peramban"))} })
        .finally(() => { document.title = "sent"; });
    </script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await expect(page).toHaveTitle("sent");
    expect(await glossaryHas("Serangan Peramban")).toBe(false);
  } finally {
    evil.close();
  }
});

test("a loopback server refuses a Host that is not loopback (DNS rebinding)", async () => {
  for (const path of ["/en", "/api/glossary", "/api/health"]) {
    const reply = await send("GET", path, { host: `rebound.evil.example:${port}` });
    expect(reply.status, path).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ code: "hostRefused" });
  }
  expect((await send("GET", "/api/health", { host: `127.0.0.1:${port}` })).status).toBe(200);
});
