// Every setting the app reads is listed in .env.example and in the settings
// table of docs/configuration.md, so a new setting cannot be added without saying what it does.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Variables that are not settings: set by Next.js or Node, or read only by tests and benchmarks. */
const NOT_SETTINGS = new Set([
  "NEXT_RUNTIME",
  "NEXT_TELEMETRY_DISABLED",
  "NODE_ENV",
  // Set by scripts/serve.mjs for the app it serves.
  "DWIBAHASA_PEER_HEADER",
  "DWIBAHASA_RENDER_NONCE_HEADER",
]);

/** The code that runs when a user starts the app (not tests, benchmarks or developer scripts). */
const APP_CODE = [
  "app",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "scripts/start.mjs",
  "scripts/serve.mjs",
  "scripts/worker.ts",
];

function files(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (fs.statSync(entry).isFile()) return [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .filter((d) => !(d.isDirectory() && /^generated/.test(d.name)))
    .flatMap((d) => files(path.join(entry, d.name)))
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f));
}

function settingsReadByTheApp(): Set<string> {
  const names = new Set<string>();
  for (const file of APP_CODE.flatMap(files)) {
    const code = fs.readFileSync(file, "utf8");
    for (const m of code.matchAll(
      /process\.env\.([A-Z][A-Z0-9_]*)|process\.env\[["']([A-Z][A-Z0-9_]*)["']\]/g,
    ))
      names.add((m[1] ?? m[2])!);
    // Settings read through a helper: env("NAME"), numberSetting("NAME", …).
    for (const m of code.matchAll(
      /\b(?:env|setting|numberSetting|flagSetting)\(["']([A-Z][A-Z0-9_]*)["']/g,
    ))
      names.add(m[1]!);
  }
  for (const name of NOT_SETTINGS) names.delete(name);
  return names;
}

const example = fs.readFileSync(".env.example", "utf8");
const inExample = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
const doc = fs.readFileSync("docs/configuration.md", "utf8");
const settingsSection = doc.slice(doc.indexOf("## Settings"));
const inDocs = new Set(
  [
    ...settingsSection
      .slice(0, settingsSection.indexOf("\n## ", 5))
      // Prettier pads table cells.
      .matchAll(/^\| `([A-Z][A-Z0-9_]*)`\s*\|/gm),
  ].map((m) => m[1]!),
);

describe("settings", () => {
  it("finds the settings the app reads", () => {
    expect([...settingsReadByTheApp()]).toEqual(
      expect.arrayContaining(["DATABASE_URL", "MT_MODEL", "PORT"]),
    );
  });

  it("lists every setting the app reads in .env.example", () => {
    const missing = [...settingsReadByTheApp()].filter((name) => !inExample.has(name));
    expect(missing).toEqual([]);
  });

  it("documents the same settings in .env.example and docs/configuration.md's settings table", () => {
    expect([...inDocs].sort()).toEqual([...inExample].sort());
  });
});
