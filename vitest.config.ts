import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The suites that touch the database run twice: on SQLite and on a real
// PostgreSQL server (tests/setup/postgres.ts finds or starts one).
const shared = ["tests/api/**/*.test.ts", "tests/model/queue.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    testTimeout: 30_000,
    // Route handlers under test must not start translating the test database on their own;
    // tests of background translation build their own (tests/model/background.test.ts).
    env: { MT_BACKGROUND: "0" },
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: [
            "tests/unit/**/*.test.ts",
            "tests/api/**/*.test.ts",
            "tests/model/**/*.test.ts",
            "tests/db/**/*.test.ts",
          ],
          globalSetup: ["tests/setup/migrate.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgresql",
          include: [...shared, "tests/postgres/**/*.test.ts"],
          globalSetup: ["tests/setup/postgres.ts"],
          env: { DWIBAHASA_TEST_PROVIDER: "postgresql" },
        },
      },
    ],
  },
});
