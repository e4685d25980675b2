import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "en-US",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Servers start one after the other: the second finds the build up to date.
  webServer: [
    {
      // A fresh database and the committed fixture model, through the same start script users run;
      // a second fixture model laid out as a download, for the Models spec (tests/e2e/models.spec.ts).
      command:
        "rm -f tmp/e2e/e2e.db tmp/e2e/e2e.db-wal tmp/e2e/e2e.db-shm && rm -rf tmp/e2e/models && mkdir -p tmp/e2e/models/fixtures && cp -R tests/fixtures/tiny-marian-plain tmp/e2e/models/fixtures/ && node scripts/start.mjs",
      url: `http://localhost:${port}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        DATABASE_URL: "file:./tmp/e2e/e2e.db",
        MT_MODEL: "tests/fixtures/tiny-marian",
        MT_MODELS_DIR: "tmp/e2e/models",
        // tests/e2e/feeds.spec.ts serves its news site on this machine.
        FEEDS_ALLOW_PRIVATE: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      // An offline machine without the default model (tests/e2e/offline.spec.ts).
      command:
        "rm -f tmp/e2e/offline.db tmp/e2e/offline.db-wal tmp/e2e/offline.db-shm && node scripts/start.mjs",
      url: `http://localhost:${port + 1}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port + 1),
        DATABASE_URL: "file:./tmp/e2e/offline.db",
        MT_MODEL: "Xenova/opus-mt-id-en",
        MT_MODELS_DIR: "tmp/e2e/no-models",
        MT_OFFLINE: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      // A large library: 5,000 more articles and 10,000 more glossary entries (tests/e2e/large-library.spec.ts; port + 2 to + 4 are the shutdown and team specs' own servers, port + 7 the security spec's TRUST_PROXY one).
      command:
        "rm -f tmp/e2e/large.db tmp/e2e/large.db-wal tmp/e2e/large.db-shm && node scripts/db/generate.mjs && npx prisma migrate deploy && npx tsx scripts/content/fill-library.ts --articles 5000 --entries 10000 && node scripts/start.mjs",
      url: `http://localhost:${port + 5}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port + 5),
        DATABASE_URL: "file:./tmp/e2e/large.db",
        MT_MODEL: "tests/fixtures/tiny-marian",
        // Translating 5,000 articles in the background is not what this server is for.
        MT_BACKGROUND: "0",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      // Accounts mode on port + 6 (tests/e2e/accounts.spec.ts, tests/e2e/models.spec.ts): one user of each role, added by npm run user:add.
      command:
        "rm -f tmp/e2e/accounts.db tmp/e2e/accounts.db-wal tmp/e2e/accounts.db-shm && rm -rf tmp/e2e/accounts-models && mkdir -p tmp/e2e/accounts-models/fixtures && cp -R tests/fixtures/tiny-marian-plain tmp/e2e/accounts-models/fixtures/ && node scripts/db/generate.mjs && npx prisma migrate deploy && " +
        ["admin", "editor", "reader"]
          .map(
            (role) =>
              `npx tsx scripts/user-add.ts ${role}@example.org --role ${role} --name "The ${role}"`,
          )
          .join(" && ") +
        " && node scripts/start.mjs",
      url: `http://localhost:${port + 6}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port + 6),
        AUTH: "accounts",
        AUTH_SECRET: "e2e-only-secret-of-thirty-two-characters",
        DWIBAHASA_PASSWORD: "correct horse battery",
        DATABASE_URL: "file:./tmp/e2e/accounts.db",
        MT_MODEL: "tests/fixtures/tiny-marian",
        // A second model, so the Models spec sees what each role may do with it.
        MT_MODELS_DIR: "tmp/e2e/accounts-models",
        MT_BACKGROUND: "0",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
