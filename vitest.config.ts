import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: [
      "tests/unit/**/*.test.ts",
      "tests/api/**/*.test.ts",
      "tests/model/**/*.test.ts",
      "tests/db/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/migrate.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
