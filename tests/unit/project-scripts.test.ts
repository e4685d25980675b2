import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the start and test scripts, without type declarations.
import { BUILD_SOURCES, buildIsStale } from "../../scripts/project.mjs";

function checkout(): string {
  // A folder whose name has a space, as a user's "My Projects" would.
  return fs.mkdtempSync(path.join(os.tmpdir(), "dwibahasa check out "));
}

function write(root: string, file: string, when: number): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), "x");
  fs.utimesSync(path.join(root, file), when, when);
}

describe("scripts/project.mjs", () => {
  it("finds the project root from a folder whose path has a space", () => {
    const root = checkout();
    fs.mkdirSync(path.join(root, "scripts"));
    fs.copyFileSync("scripts/project.mjs", path.join(root, "scripts", "project.mjs"));
    const printed = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(new URL(`file://${path.join(root, "scripts", "project.mjs")}`).href)}); console.log(m.projectRoot);`,
      ],
      { encoding: "utf8" },
    ).trim();
    expect(printed).toBe(root);
    expect(fs.existsSync(path.join(printed, "scripts", "project.mjs"))).toBe(true);
  });

  it("asks for a build when there is none, and after a source or the Prisma schema changed", () => {
    const root = checkout();
    write(root, "app/page.tsx", 1_000);
    write(root, "prisma/schema.prisma", 1_000);
    expect(buildIsStale(root)).toBe(true);
    write(root, ".next/BUILD_ID", 2_000);
    expect(buildIsStale(root)).toBe(false);
    write(root, "prisma/schema.prisma", 3_000);
    expect(buildIsStale(root)).toBe(true);
    write(root, ".next/BUILD_ID", 4_000);
    // The generated client is rewritten on every start: it alone never asks for a build.
    write(root, "lib/db/generated/client.ts", 5_000);
    expect(buildIsStale(root)).toBe(false);
    write(root, "messages/en.json", 6_000);
    expect(buildIsStale(root)).toBe(true);
    expect(BUILD_SOURCES).toContain("prisma/schema.prisma");
  });
});

/** Text files the project writes by hand: where an `npm run` command may be named. */
function projectTexts(dir = "."): string[] {
  const skipped = new Set([
    "node_modules",
    ".next",
    ".git",
    "models",
    "generated",
    "generated-pg",
    "test-results",
    "playwright-report",
  ]);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return skipped.has(entry.name) || entry.name.startsWith("tmp") ? [] : projectTexts(full);
    return /\.(md|ts|tsx|mjs|prisma)$/.test(entry.name) || entry.name === "run" ? [full] : [];
  });
}

describe("package.json", () => {
  it("has every script that an `npm run` in the code, schema or documentation names", () => {
    const scripts = Object.keys(
      (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: object }).scripts,
    );
    const named = new Set(
      projectTexts().flatMap((file) =>
        [...fs.readFileSync(file, "utf8").matchAll(/npm run ([a-z][\w:-]*\w)/g)].map(
          (match) => `${match[1]} (${file})`,
        ),
      ),
    );
    const missing = [...named].filter((entry) => !scripts.includes(entry.split(" ")[0]!));
    expect(missing).toEqual([]);
    expect(named.size).toBeGreaterThan(10);
  });
});
