import { execFileSync, spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  exposureProblem,
  hostAllowed,
  isLoopback,
  listenHost,
  readAuthMode,
} from "@/lib/security/exposure";
import { refuseRequest } from "@/lib/security/gate";
import { clientAddress } from "@/lib/security/rate-limit";
import { refuseWrite } from "@/lib/security/writes";

describe("who may reach the server", () => {
  it("listens on this computer only unless HOST says otherwise", () => {
    expect(listenHost(undefined)).toBe("127.0.0.1");
    expect(listenHost(" ")).toBe("127.0.0.1");
    expect(listenHost("0.0.0.0")).toBe("0.0.0.0");
  });

  it("tells loopback names from network ones, with and without ports", () => {
    for (const host of [
      "localhost",
      "localhost:3000",
      "127.0.0.1:80",
      "127.8.9.1",
      "[::1]:3000",
      "::1",
      "app.localhost:3000",
    ])
      expect(isLoopback(host), host).toBe(true);
    for (const host of [
      "0.0.0.0",
      "::",
      "192.168.1.4:3000",
      "evil.example",
      "127.0.0.1.evil.example",
      "[::2]:3000",
      "localhost.evil.example",
    ])
      expect(isLoopback(host), host).toBe(false);
  });

  it("refuses a network address without accounts, and says how to open it", () => {
    expect(exposureProblem("127.0.0.1", readAuthMode(undefined))).toBeNull();
    const problem = exposureProblem("0.0.0.0", readAuthMode(undefined));
    expect(problem).toContain("AUTH=accounts");
    expect(problem).toContain("AUTH=open");
    expect(exposureProblem("0.0.0.0", readAuthMode("accounts"))).toBeNull();
    expect(exposureProblem("0.0.0.0", readAuthMode("open"))).toBeNull();
    expect(exposureProblem("127.0.0.1", readAuthMode("everyone"))).toContain("AUTH=everyone");
  });

  it("answers only loopback Host names while listening on loopback (DNS rebinding)", () => {
    expect(hostAllowed("localhost:3000", "127.0.0.1")).toBe(true);
    expect(hostAllowed("rebound.evil.example:3000", "127.0.0.1")).toBe(false);
    expect(hostAllowed(null, "127.0.0.1")).toBe(false);
    expect(hostAllowed("reader.team.example", "0.0.0.0")).toBe(true);
  });

  it("npm start stops before serving on a network address without accounts", () => {
    const run = spawnSync(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, HOST: "0.0.0.0", AUTH: "", PORT: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("AUTH=accounts");
    expect(run.stdout).not.toContain("Serving on");
  }, 120_000);

  it("the exposure check says how to share a loopback server", () => {
    const out = execFileSync("node_modules/.bin/tsx", ["scripts/checks/exposure.ts"], {
      env: { ...process.env, HOST: "", AUTH: "" },
      encoding: "utf8",
    });
    expect(out).toContain("HOST=0.0.0.0 and AUTH=accounts");
  });
});

const at = (path: string, init: RequestInit & { headers?: Record<string, string> }) =>
  new Request(`http://localhost:3000${path}`, {
    ...init,
    headers: { host: "localhost:3000", ...init.headers },
  });

describe("same-origin writes", () => {
  const json = { "content-type": "application/json", "content-length": "2" };

  it("lets reads through whatever their origin", () => {
    expect(
      refuseWrite(
        at("/api/glossary", { method: "GET", headers: { origin: "http://evil.example" } }),
      ),
    ).toBeNull();
  });

  it("accepts JSON from the app's own pages and from programs", () => {
    expect(
      refuseWrite(
        at("/api/glossary", {
          method: "POST",
          headers: { ...json, origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
        }),
      ),
    ).toBeNull();
    expect(refuseWrite(at("/api/glossary", { method: "POST", headers: json }))).toBeNull();
    // A write without a body (start a translation) needs no content type.
    expect(
      refuseWrite(
        at("/api/articles/x/translate", {
          method: "POST",
          headers: { origin: "http://localhost:3000" },
        }),
      ),
    ).toBeNull();
  });

  it("refuses writes from another site, by Origin or by Sec-Fetch-Site", () => {
    for (const headers of [
      { ...json, origin: "http://evil.example" },
      { ...json, origin: "http://localhost:3001" },
      { ...json, origin: "null" },
      { ...json, "sec-fetch-site": "cross-site" },
      { ...json, "sec-fetch-site": "same-site", origin: "http://localhost:3000" },
    ]) {
      const refused = refuseWrite(at("/api/glossary", { method: "POST", headers }));
      expect(refused?.status, JSON.stringify(headers)).toBe(403);
      expect(refused?.code).toBe("crossSiteRefused");
    }
    expect(
      refuseWrite(
        at("/api/glossary/1", { method: "DELETE", headers: { origin: "http://evil.example" } }),
      )?.code,
    ).toBe("crossSiteRefused");
  });

  it("refuses bodies that are not JSON, and forms except where a file is uploaded", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const headers: Record<string, string> = {
        "content-length": "5",
        origin: "http://localhost:3000",
      };
      if (type) headers["content-type"] = type;
      expect(refuseWrite(at("/api/articles", { method: "POST", headers }))?.code, type).toBe(
        "contentTypeRefused",
      );
    }
    const form = { "content-type": "multipart/form-data; boundary=x", "content-length": "9" };
    expect(refuseWrite(at("/api/articles", { method: "POST", headers: form }))?.code).toBe(
      "contentTypeRefused",
    );
    expect(refuseWrite(at("/api/import/tmx", { method: "POST", headers: form }), true)).toBeNull();
    expect(
      refuseWrite(
        at("/api/glossary", {
          method: "PUT",
          headers: { "content-type": "application/json; charset=utf-8", "content-length": "9" },
        }),
      ),
    ).toBeNull();
  });
});

describe("who a rate limit counts", () => {
  const PEER = "x-dwibahasa-peer";
  const from = (peer: string | null, forwarded?: string) => {
    const headers: Record<string, string> = { host: "localhost:3000" };
    if (peer !== null) headers[PEER] = peer;
    if (forwarded !== undefined) headers["x-forwarded-for"] = forwarded;
    return new Request("http://localhost/api/search?q=banjir", { headers });
  };
  // As scripts/serve.mjs tells the app it serves.
  beforeEach(() => {
    process.env.DWIBAHASA_PEER_HEADER = PEER;
  });
  afterEach(() => {
    delete process.env.DWIBAHASA_PEER_HEADER;
    delete process.env.TRUST_PROXY;
  });

  it("counts the connection's own address and ignores X-Forwarded-For without TRUST_PROXY", () => {
    expect(clientAddress(from("203.0.113.5"))).toBe("203.0.113.5");
    expect(clientAddress(from("203.0.113.5", "198.51.100.1"))).toBe("203.0.113.5");
    expect(clientAddress(from("203.0.113.5", "198.51.100.1, 10.0.0.1"), 0)).toBe("203.0.113.5");
  });

  it("with TRUST_PROXY=n, counts the address the farthest of n proxies saw", () => {
    // One proxy (the socket): it appended the client it saw, the last entry.
    expect(clientAddress(from("10.0.0.1", "198.51.100.1"), 1)).toBe("198.51.100.1");
    // A client's own X-Forwarded-For entry before the proxy's is not believed.
    expect(clientAddress(from("10.0.0.1", "6.6.6.6, 198.51.100.1"), 1)).toBe("198.51.100.1");
    expect(clientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1"), 2)).toBe(
      "198.51.100.1",
    );
    // Fewer entries than proxies: the farthest address there is.
    expect(clientAddress(from("10.0.0.1", "198.51.100.1"), 3)).toBe("198.51.100.1");
    expect(clientAddress(from("10.0.0.1"), 1)).toBe("10.0.0.1");
    process.env.TRUST_PROXY = "1";
    expect(clientAddress(from("10.0.0.1", "198.51.100.1"))).toBe("198.51.100.1");
  });

  it("believes the peer header only from the server that writes it", () => {
    // Under `next dev` nobody overwrites it, so a client could choose its own: one count for all.
    delete process.env.DWIBAHASA_PEER_HEADER;
    expect(clientAddress(from("203.0.113.5", "198.51.100.1"))).toBe("unknown");
  });

  it("a changed X-Forwarded-For does not escape a 429, unless TRUST_PROXY is set", async () => {
    const search = (forwarded: string) => refuseRequest(from("203.0.113.77", forwarded));
    for (let i = 0; i < 120; i++) expect(await search(`198.51.100.${i}`)).toBeNull();
    const limited = await search("198.51.100.200");
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    process.env.TRUST_PROXY = "1";
    expect(await search("198.51.100.201")).toBeNull();
  });
});
