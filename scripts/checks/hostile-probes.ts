// The hostile battery: requests a hostile web page or network neighbour would
// send to a served Dwibahasa, each with what a server that holds answers. A
// server that holds accepts none of them (nothing changes). Run by
// `npm run battery` (scripts/checks/hostile-battery.ts) and by tests/e2e/battery.spec.ts.
import http from "node:http";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's own address (one of this machine's, such as 127.0.0.20), so that the server sees another client. */
  from?: string;
}

/** One raw HTTP request (node:http lets a caller set Host and send any body, which fetch does not). */
export function rawRequest(base: URL, request: RawRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: base.hostname.replace(/^\[|\]$/g, ""),
        port: base.port || 80,
        localAddress: request.from,
        method: request.method,
        path: request.path,
        headers: { host: base.host, ...request.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

export interface BatteryOptions {
  /** The client address every probe is sent from (its floods use up that address's limits only). */
  from?: string;
  /**
   * A signed-in session's Cookie header (accounts mode): the probes then come from
   * a victim's browser that carries it, and must still change nothing.
   */
  cookie?: string;
}

export interface ProbeResult {
  name: string;
  /** `true` when the server held, else what it did. */
  result: true | string;
}

const FORGED = "Serangan Baterai";

/** Runs every probe in order; the last checks that none of them changed the library. */
export async function runBattery(base: URL, options: BatteryOptions = {}): Promise<ProbeResult[]> {
  const own = base.origin;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(base.hostname);
  const send = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string | Buffer,
    { anonymous = false } = {},
  ) =>
    rawRequest(base, {
      method,
      path,
      body,
      from: options.from,
      headers: { ...(options.cookie && !anonymous ? { cookie: options.cookie } : {}), ...headers },
    });
  const signedIn = options.cookie !== undefined;

  const entry = (aliases: string[] = []) =>
    JSON.stringify({ term: FORGED, translation: "Forged", category: "phrase", aliases });
  const json = { "content-type": "application/json" };
  const evil = { origin: "http://evil.example" };
  const refused = (r: Reply, ...statuses: number[]) =>
    statuses.includes(r.status) ? (true as const) : `answered ${r.status}`;
  const clientError = (r: Reply) =>
    r.status >= 400 && r.status < 500 ? (true as const) : `answered ${r.status}`;
  const mode = async () =>
    (JSON.parse((await send("GET", "/api/session")).body) as { mode?: string }).mode;

  /** Searches until the limit answers; the last reply. */
  const flood = async (headers: Record<string, string> = {}) => {
    let last: Reply | null = null;
    for (let i = 0; i < 200; i++) {
      last = await send("GET", "/api/search?q=banjir", headers);
      if (last.status === 429 || last.status === 401) break;
    }
    return last!;
  };

  const probes: [name: string, run: () => Promise<string | true>][] = [
    [
      "cross-site text/plain POST /api/glossary",
      async () =>
        refused(
          await send("POST", "/api/glossary", { ...evil, "content-type": "text/plain" }, entry()),
          403,
        ),
    ],
    [
      "cross-site JSON POST /api/articles",
      async () =>
        refused(
          await send(
            "POST",
            "/api/articles",
            { ...evil, ...json },
            JSON.stringify({ title: FORGED, text: "Ini palsu." }),
          ),
          403,
        ),
    ],
    [
      "cross-site POST /api/glossary/import",
      async () =>
        refused(
          await send(
            "POST",
            "/api/glossary/import",
            { ...evil, "content-type": "text/plain" },
            JSON.stringify({
              format: "csv",
              content: `term,translation,aliases,category,note\n${FORGED},x,,phrase,\n`,
            }),
          ),
          403,
        ),
    ],
    [
      "Sec-Fetch-Site: cross-site PUT /api/segments/1/translation",
      async () =>
        refused(
          await send(
            "PUT",
            "/api/segments/1/translation",
            { "sec-fetch-site": "cross-site", ...json },
            JSON.stringify({ text: "x", baseRevisionId: null }),
          ),
          403,
        ),
    ],
    [
      "Origin: null DELETE /api/glossary/1",
      async () => refused(await send("DELETE", "/api/glossary/1", { origin: "null" }), 403),
    ],
    [
      "same-origin text/plain POST /api/glossary",
      async () =>
        refused(
          await send(
            "POST",
            "/api/glossary",
            { origin: own, "content-type": "text/plain" },
            entry(),
          ),
          403,
        ),
    ],
    [
      "url-encoded form POST /api/articles",
      async () =>
        refused(
          await send(
            "POST",
            "/api/articles",
            { "content-type": "application/x-www-form-urlencoded" },
            `title=${encodeURIComponent(FORGED)}&text=b`,
          ),
          403,
        ),
    ],
    [
      "non-loopback Host (DNS rebinding)",
      async () => {
        if (!loopback) return true; // a shared server answers its own names
        const r = await send("GET", "/api/articles", {
          host: `rebound.evil.example:${base.port || 80}`,
        });
        return refused(r, 403);
      },
    ],
    [
      "30 MB JSON body",
      async () =>
        clientError(
          await send(
            "POST",
            "/api/articles",
            json,
            JSON.stringify({ title: FORGED, text: "a ".repeat(15_000_000) }),
          ),
        ),
    ],
    [
      "100,000-deep JSON",
      async () =>
        clientError(
          await send("POST", "/api/glossary", json, "[".repeat(100_000) + "]".repeat(100_000)),
        ),
    ],
    [
      "invalid UTF-8 body",
      async () =>
        clientError(
          await send(
            "POST",
            "/api/glossary",
            json,
            Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
          ),
        ),
    ],
    [
      "51 aliases",
      async () => {
        const r = await send(
          "POST",
          "/api/glossary",
          json,
          entry(Array.from({ length: 51 }, (_, i) => `Ejaan ${i}`)),
        );
        // Anonymous in accounts mode never reaches the check; a session or no accounts must get 422.
        return refused(r, ...(signedIn || (await mode()) !== "accounts" ? [422] : [401]));
      },
    ],
    [
      "search flood gets 429 with Retry-After",
      async () => {
        const r = await flood();
        if (r.status === 401) return signedIn ? "answered 401" : true; // accounts mode, anonymous
        if (r.status !== 429) return "200 searches answered";
        return r.headers["retry-after"] ? true : "429 without Retry-After";
      },
    ],
    [
      "a forged X-Forwarded-For does not escape the limit",
      async () => {
        const limited = await flood();
        if (limited.status === 401) return signedIn ? "answered 401" : true;
        if (limited.status !== 429) return "200 searches answered";
        // The same client, claiming to be another.
        const forged = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
        const r = await send("GET", "/api/search?q=banjir", { "x-forwarded-for": forged });
        return refused(r, 429);
      },
    ],
    [
      "page security headers",
      async () => {
        const r = await send("GET", "/en");
        // Accounts mode, anonymous: sent to sign in; that page is checked below.
        const page = r.status >= 300 && r.status < 400 ? await send("GET", "/en/sign-in") : r;
        if (page.status !== 200) return `answered ${page.status}`;
        const csp = String(page.headers["content-security-policy"] ?? "");
        const script = /script-src[^;]*/.exec(csp)?.[0] ?? "";
        if (!/'nonce-/.test(script) || script.includes("unsafe-inline"))
          return `CSP script-src is "${script}"`;
        if (!csp.includes("frame-ancestors 'none'")) return "no frame-ancestors 'none'";
        if (page.headers["x-content-type-options"] !== "nosniff") return "no nosniff";
        if (!page.headers["referrer-policy"]) return "no Referrer-Policy";
        return true;
      },
    ],
    [
      "anonymous write in accounts mode",
      async () => {
        if ((await mode()) !== "accounts") return true;
        return refused(
          await send("POST", "/api/glossary", json, entry(), { anonymous: true }),
          401,
        );
      },
    ],
    [
      "nothing above changed the library",
      async () => {
        // Every article and entry the probes try to add carries FORGED in its title or term.
        const articles = await send("GET", "/api/articles");
        const glossary = await send("GET", "/api/glossary");
        if (articles.status === 401 && glossary.status === 401)
          return signedIn ? "the library cannot be read" : true;
        if (articles.status !== 200 || glossary.status !== 200)
          return `the library answered ${articles.status} and ${glossary.status}`;
        if ((JSON.parse(glossary.body) as { term: string }[]).some((e) => e.term.includes(FORGED)))
          return "a forged glossary entry exists";
        if (
          (JSON.parse(articles.body) as { title: string }[]).some((a) => a.title.includes(FORGED))
        )
          return "a forged article exists";
        return true;
      },
    ],
  ];

  const results: ProbeResult[] = [];
  for (const [name, run] of probes) {
    let result: string | true;
    try {
      result = await run();
    } catch (error) {
      result = `error: ${(error as Error).message}`;
    }
    results.push({ name, result });
  }
  return results;
}
