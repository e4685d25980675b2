import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findImportCycles } from "../helpers/import-cycles";

/**
 * Generated code, not the project's own: Prisma's clients import each other
 * throughout, and Next.js writes its route types to .next.
 */
const GENERATED = ["lib/db/generated", "lib/db/generated-pg", ".next"];

const made: string[] = [];
afterAll(() => made.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A small project in a folder of its own: a tsconfig.json with the "@/" paths, and the files. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dwibahasa-cycles-"));
  made.push(root);
  const tsconfig = {
    compilerOptions: { module: "esnext", moduleResolution: "bundler", paths: { "@/*": ["./*"] } },
    include: ["**/*.ts"],
  };
  fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify(tsconfig));
  for (const [name, code] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), code);
  }
  return root;
}

describe("import circles", () => {
  it("finds none in the project", () => {
    expect(findImportCycles(process.cwd(), GENERATED)).toEqual([]);
  });

  it("reports a circle made only of type imports, through an @/ path", () => {
    const root = project({
      "lib/db/client.ts": `import { changed } from "../cache/changes";\nexport type Db = { name: string };\nexport const db = changed;\n`,
      "lib/cache/changes.ts": `import type { Db } from "@/lib/db/client";\nexport const changed = (db: Db) => db.name;\n`,
      "lib/settings.ts": `export const size = 1;\n`,
      "app/page.ts": `import { db } from "@/lib/db/client";\nimport { size } from "../lib/settings";\nexport default [db, size];\n`,
    });
    expect(findImportCycles(root)).toEqual([
      ["lib/cache/changes.ts", "lib/db/client.ts", "lib/cache/changes.ts"],
    ]);
  });

  it("reports a longer circle once, with a lazy import() in it, and a file that imports itself", () => {
    const root = project({
      "a.ts": `export { b } from "./b";\n`,
      "b.ts": `export const b = () => import("./c");\n`,
      "c.ts": `import "./a";\n`,
      "d.ts": `import { b } from "./a";\nexport const d = b;\nexport const self = () => import("./d");\n`,
    });
    expect(findImportCycles(root)).toEqual([
      ["a.ts", "b.ts", "c.ts", "a.ts"],
      ["d.ts", "d.ts"],
    ]);
  });

  it("leaves out the folders it is told to skip", () => {
    const root = project({
      "gen/x.ts": `import "./y";\n`,
      "gen/y.ts": `import "./x";\n`,
    });
    expect(findImportCycles(root, ["gen"])).toEqual([]);
    expect(findImportCycles(root)).toHaveLength(1);
  });
});
