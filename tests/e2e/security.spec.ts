// The served app against requests a hostile page or network neighbour would send.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { rawRequest, type Reply } from "../../scripts/checks/hostile-probes";

const port = Number(process.env.E2E_PORT ?? 3100);

/**
 * A raw HTTP request to the app (a test sets Host, which fetch does not).
 * `from`: the client's own address, another of this machine's 127.0.0.0/8,
 * so that the server sees another client.
 */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  { from, to = port }: { from?: string; to?: number } = {},
): Promise<Reply> {
  return rawRequest(new URL(`http://127.0.0.1:${to}`), {
    method,
    path,
    headers: { host: `localhost:${to}`, ...headers },
    body,
    from,
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

test("every page carries the security headers, and its scripts run under a nonce policy", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // A saved dark theme is applied by the layout's inline script, before React runs.
  await page.goto("/en");
  await page.evaluate(() => localStorage.setItem("dwibahasa.reading", '{"theme":"dark"}'));
  const nonces = new Set<string>();
  for (const path of ["/en", "/id/glossary", "/en/search?q=banjir"]) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy.match(/script-src[^;]*/)![0]).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    nonces.add(nonce);
    // The app works under the policy: the saved reading settings script and React ran.
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("link", { name: /glossary|glosarium/i }).first()).toBeVisible();
  }
  expect(nonces.size).toBe(3); // a fresh nonce per page
  expect(violations).toEqual([]);

  // Injected markup cannot run script: inline event handlers have no nonce.
  await page.goto("/en");
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__injected=true" onerror="window.__injected=true">`,
    ),
  );
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => "__injected" in window)).toBe(false);
  expect(violations.some((v) => /inline event handler|script-src/i.test(v))).toBe(true);

  const api = await send("GET", "/api/health", {});
  expect(api.headers["x-content-type-options"]).toBe("nosniff");
});

test("imports and searches are limited per client address, whatever X-Forwarded-For says (429 with Retry-After)", async () => {
  const json = { "content-type": "application/json" };
  const body = JSON.stringify({ format: "csv", content: "term,translation\n" });
  const importFrom = (from: string, headers: Record<string, string> = {}) =>
    send("POST", "/api/glossary/import", { ...json, ...headers }, body, { from });
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++)
    statuses.push((await importFrom("127.0.0.7", { "x-forwarded-for": `198.51.100.${i}` })).status);
  expect(statuses.every((s) => s !== 429)).toBe(true);
  const limited = await importFrom("127.0.0.7");
  expect(limited.status).toBe(429);
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  expect(JSON.parse(limited.body)).toMatchObject({
    code: "rateLimited",
    params: { seconds: expect.any(Number) },
  });
  // A new X-Forwarded-For does not make the same connection another client...
  expect((await importFrom("127.0.0.7", { "x-forwarded-for": "198.51.100.200" })).status).toBe(429);
  // ...another address is counted on its own.
  expect((await importFrom("127.0.0.8")).status).not.toBe(429);

  let last = 0;
  for (let i = 0; i < 121; i++)
    last = (await send("GET", "/api/search?q=banjir", {}, undefined, { from: "127.0.0.9" })).status;
  expect(last).toBe(429);
});

test("behind a proxy (TRUST_PROXY=1) the limits count the address X-Forwarded-For names", async () => {
  // A server of its own on port + 7, the same build, a fresh database.
  const proxied = port + 7;
  const url = "file:./tmp/e2e/proxied.db";
  for (const suffix of ["", "-wal", "-shm"])
    fs.rmSync(`tmp/e2e/proxied.db${suffix}`, { force: true });
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  const server = spawn(process.execPath, ["scripts/serve.mjs"], {
    env: {
      ...process.env,
      PORT: String(proxied),
      DATABASE_URL: url,
      TRUST_PROXY: "1",
      MT_MODEL: "tests/fixtures/tiny-marian",
      MT_BACKGROUND: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
  try {
    await expect
      .poll(
        async () =>
          (await fetch(`http://127.0.0.1:${proxied}/api/health`).catch(() => null))?.status,
        { timeout: 60_000 },
      )
      .toBe(200);
    const body = JSON.stringify({ format: "csv", content: "term,translation\n" });
    // One connection (the proxy) speaking for two clients.
    const importFor = (client: string) =>
      send(
        "POST",
        "/api/glossary/import",
        { "content-type": "application/json", "x-forwarded-for": client },
        body,
        { from: "127.0.0.10", to: proxied },
      );
    for (let i = 0; i < 10; i++) expect((await importFor("198.51.100.7")).status).not.toBe(429);
    expect((await importFor("198.51.100.7")).status).toBe(429);
    expect((await importFor("198.51.100.8")).status).not.toBe(429);
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
});
