// The hostile battery can fail: against a server that accepts everything, the
// probes that guard the library report it (tests/e2e/battery.spec.ts runs them
// against the real app).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBattery } from "../../scripts/checks/hostile-probes";

let server: http.Server;
let base: URL;
const added: string[] = [];

beforeAll(async () => {
  // Takes every write, keeps what it is sent, no limits, no security headers.
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      if (request.method !== "GET") added.push(Buffer.concat(chunks).toString("utf8", 0, 200));
      response.setHeader("content-type", "application/json");
      if (request.url?.startsWith("/api/session")) return response.end('{"mode":"open"}');
      const list = request.url?.startsWith("/api/glossary")
        ? added.map((body) => ({
            term: body.includes("Serangan Baterai") ? "Serangan Baterai" : "",
          }))
        : [];
      response.end(JSON.stringify(list));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the hostile battery", () => {
  it("reports every probe a careless server fails", async () => {
    const results = await runBattery(base);
    const failed = results.filter((r) => r.result !== true).map((r) => r.name);
    expect(failed).toEqual(
      expect.arrayContaining([
        "cross-site text/plain POST /api/glossary",
        "cross-site POST /api/glossary/import",
        "non-loopback Host (DNS rebinding)",
        "30 MB JSON body",
        "51 aliases",
        "search flood gets 429 with Retry-After",
        "a forged X-Forwarded-For does not escape the limit",
        "page security headers",
        "nothing above changed the library",
      ]),
    );
    // Only the probe that does not apply without accounts holds.
    expect(results.filter((r) => r.result === true).map((r) => r.name)).toEqual([
      "anonymous write in accounts mode",
    ]);
  });
});
