#!/usr/bin/env node
// `npm start`: install what is missing, prepare the database, import content/,
// build when the sources changed, and serve. Each step says what it does.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies } from "./ensure-deps.mjs";
import { buildIsStale, projectRoot as root } from "./project.mjs";

process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
// Settings from .env (see .env.example); the environment's own values win.
if (fs.existsSync(".env")) {
  process.loadEnvFile(".env");
  console.log("Settings read from .env.");
}

function run(label, command, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
  });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit code ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

// 1. Dependencies.
ensureDependencies(root);

// Refuse early an address other than this computer without accounts.
run("Checking who may reach the server", bin("tsx"), ["scripts/checks/exposure.ts"]);

// 2. Database: client code, then migrations (creates the file when missing).
run("Generating the database clients", process.execPath, ["scripts/db/generate.mjs"]);
// 2 and 3 by one server at a time when several share a PostgreSQL database
// (imported only now: it needs the dependencies that step 1 installs).
const { withSetupLock } = await import("./db/setup-lock.mjs");
await withSetupLock(
  process.env.DATABASE_URL,
  () => {
    run("Applying database migrations", bin("prisma"), ["migrate", "deploy"]);
    // 3. Content.
    run("Importing content/", bin("tsx"), ["scripts/content/import.ts"]);
  },
  { onWait: () => console.log("\n▶ Another server is preparing the database; waiting for it") },
);

// 4. Build, unless the last build is newer than every source file.
if (process.env.FORCE_BUILD === "1" || buildIsStale(root)) {
  run("Building the app", bin("next"), ["build"]);
} else {
  console.log("\n▶ The build is up to date.");
}

// 5. Serve: this computer only, unless HOST and AUTH say otherwise (lib/security/exposure.ts).
const port = process.env.PORT ?? "3000";
const host = process.env.HOST?.trim() || "127.0.0.1";
const shown = host.includes(":") ? `[${host}]` : host;
console.log(
  `
▶ Serving on http://${shown === "0.0.0.0" || shown === "[::]" ? "localhost" : shown}:${port}`,
);
// The server runs as a child that this process waits on; a stop signal is passed on to it,
// and this process exits with it (the translation worker stops with the server).
const server = spawn(process.execPath, ["scripts/serve.mjs"], {
  stdio: "inherit",
  env: { ...process.env, PORT: port, HOST: host },
});
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  if (signal)
    console.log(`
▶ Stopped (${signal}).`);
  process.exit(code ?? 0);
});
