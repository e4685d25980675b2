// `npm run battery [-- http://127.0.0.1:3000]`: probes a served Dwibahasa the way a
// hostile web page or network neighbour would, and reports what holds. Nothing
// it sends is accepted by a server that holds (it changes nothing); exits 1 when a probe fails.
import http from "node:http";

const base = new URL(process.argv[2] ?? process.env.BATTERY_URL ?? "http://127.0.0.1:3000");
const own = base.origin;
const FORGED = "Serangan Baterai";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port || 80,
        method,
        path,
        headers: { host: base.host, ...headers },
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
    request.on("error", reject);
    request.end(body);
  });
}

const entry = (aliases: string[] = []) =>
  JSON.stringify({ term: FORGED, translation: "Forged", category: "phrase", aliases });
const json = { "content-type": "application/json" };
const evil = { origin: "http://evil.example" };

type Probe = [name: string, run: () => Promise<string | true>];
const refused = (r: Reply, ...statuses: number[]) =>
  statuses.includes(r.status) ? (true as const) : `answered ${r.status}`;
const clientError = (r: Reply) =>
  r.status >= 400 && r.status < 500 ? (true as const) : `answered ${r.status}`;

const probes: Probe[] = [
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
          JSON.stringify({ title: "Palsu", text: "Ini palsu." }),
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
        await send("POST", "/api/glossary", { origin: own, "content-type": "text/plain" }, entry()),
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
          "title=a&text=b",
        ),
        403,
      ),
  ],
  [
    "non-loopback Host (DNS rebinding)",
    async () => {
      const r = await send("GET", "/api/articles", {
        host: `rebound.evil.example:${base.port || 80}`,
      });
      if (!["localhost", "127.0.0.1", "[::1]"].includes(base.hostname)) return true; // a shared server answers its own names
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
          JSON.stringify({ title: "Gross", text: "a ".repeat(15_000_000) }),
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
      return r.status === 422 || r.status === 401 || r.status === 403
        ? true
        : `answered ${r.status}`;
    },
  ],
  [
    "search flood gets 429 with Retry-After",
    async () => {
      const client = { "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250) + 1}` };
      for (let i = 0; i < 200; i++) {
        const r = await send("GET", "/api/search?q=banjir", client);
        if (r.status === 429) return r.headers["retry-after"] ? true : "429 without Retry-After";
        if (r.status === 401) return true; // accounts mode: anonymous never reaches search
      }
      return "200 searches answered";
    },
  ],
  [
    "page security headers",
    async () => {
      const r = await send("GET", "/en");
      const csp = String(r.headers["content-security-policy"] ?? "");
      const script = /script-src[^;]*/.exec(csp)?.[0] ?? "";
      if (r.status >= 300 && r.status < 400) return true; // accounts mode: sent to sign in (checked on that page by the tests)
      if (!/'nonce-/.test(script) || script.includes("unsafe-inline"))
        return `CSP script-src is "${script}"`;
      if (!csp.includes("frame-ancestors 'none'")) return "no frame-ancestors 'none'";
      if (r.headers["x-content-type-options"] !== "nosniff") return "no nosniff";
      if (!r.headers["referrer-policy"]) return "no Referrer-Policy";
      return true;
    },
  ],
  [
    "anonymous write in accounts mode",
    async () => {
      const session = JSON.parse((await send("GET", "/api/session")).body) as { mode?: string };
      if (session.mode !== "accounts") return true;
      return refused(await send("POST", "/api/glossary", json, entry()), 401);
    },
  ],
  [
    "nothing above changed the library",
    async () => {
      const r = await send("GET", `/api/glossary?q=${encodeURIComponent(FORGED)}`);
      if (r.status === 401) return true;
      const list = JSON.parse(r.body) as { term: string }[] | { items?: { term: string }[] };
      const items = Array.isArray(list) ? list : (list.items ?? []);
      if (items.some((e) => e.term === FORGED)) return "a forged glossary entry exists";
      return (await send("GET", "/api/articles/palsu")).status === 404
        ? true
        : "a forged article exists";
    },
  ],
];

async function main() {
  console.log(`Hostile battery against ${own}\n`);
  let failed = 0;
  for (const [name, run] of probes) {
    let result: string | true;
    try {
      result = await run();
    } catch (error) {
      result = `error: ${(error as Error).message}`;
    }
    if (result !== true) failed++;
    console.log(
      `${result === true ? "holds " : "FAILS "} ${name}${result === true ? "" : ` (${result})`}`,
    );
  }
  console.log(`\n${probes.length - failed} of ${probes.length} hold.`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
