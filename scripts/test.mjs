#!/usr/bin/env node
// `npm test`: the whole suite. Type check, lint and format check, unit/API/model tests (Vitest, real
// SQLite), then end-to-end tests in Chromium against the built app.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies } from "./ensure-deps.mjs";
import { projectRoot as root } from "./project.mjs";

process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed.`);
    process.exit(result.status ?? 1);
  }
}

ensureDependencies(root);
run("Generating the database clients", process.execPath, ["scripts/db/generate.mjs"]);
// Route types (PageProps, RouteContext) are generated into .next/types, which a fresh clone lacks.
run("Generating the route types", bin("next"), ["typegen"]);
run("Type check", bin("tsc"), ["--noEmit"]);
// Cached like `npm run lint`: only files changed since the last run are checked again.
const eslintCache = ["--cache", "--cache-location", "node_modules/.cache/eslint/"];
run("Lint (ESLint)", bin("eslint"), [...eslintCache, "--max-warnings", "0", "."]);
run("Format (Prettier)", bin("prettier"), ["--cache", "--check", "."]);
run("Unit, API and model tests", bin("vitest"), ["run"]);
if (process.env.SKIP_E2E !== "1") {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.error(
      `\n✖ The end-to-end tests need Chromium at ${chromium}. Install Debian's package (apt-get install chromium),`,
    );
    console.error(
      "  or set CHROMIUM_PATH to a Chromium binary, or run SKIP_E2E=1 npm test to skip them.",
    );
    process.exit(1);
  }
  run("End-to-end tests (Chromium)", bin("playwright"), ["test"]);
}
