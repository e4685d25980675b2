// The hostile battery (npm run battery) as a test: every probe must hold, on a
// single-user server and in accounts mode, both for an anonymous neighbour and
// for a page that makes a signed-in editor's browser send the requests.
import { expect, test } from "@playwright/test";
import { rawRequest, runBattery } from "../../scripts/checks/hostile-probes";

const port = Number(process.env.E2E_PORT ?? 3100);
// The accounts server's users (playwright.config.ts).
const PASSWORD = "correct horse battery";
// 127.0.0.1 is where the other specs come from: the battery's floods use up other addresses' limits.
const single = new URL(`http://127.0.0.1:${port}`);
const accounts = new URL(`http://127.0.0.1:${port + 6}`);

const failures = (results: Awaited<ReturnType<typeof runBattery>>) =>
  results.filter((r) => r.result !== true);

test.setTimeout(180_000);

test("every probe holds on a single-user server", async () => {
  const results = await runBattery(single, { from: "127.0.0.20" });
  expect(results.length).toBeGreaterThanOrEqual(17);
  expect(failures(results)).toEqual([]);
});

test("every probe holds in accounts mode, anonymous and from a signed-in editor's browser", async () => {
  expect(failures(await runBattery(accounts, { from: "127.0.0.21" }))).toEqual([]);

  const from = "127.0.0.22";
  const signIn = await rawRequest(accounts, {
    method: "POST",
    path: "/api/session",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "editor@example.org", password: PASSWORD }),
    from,
  });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  expect(failures(await runBattery(accounts, { from, cookie }))).toEqual([]);
});
