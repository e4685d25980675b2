// Every benchmark in package.json answers --help with a description and exits
// 0 before it loads a model, builds a stand-in or starts a server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const scripts = (
  JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;
const benches = Object.keys(scripts).filter(
  (name) => name === "bench" || name.startsWith("bench:"),
);

function help(name: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", name, "--", "--help"], {
      cwd: root,
      // A model name that exists nowhere: --help must not look for it.
      env: { ...process.env, BENCH_MODEL: "models/bench-opus-shaped-absent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("benchmarks' --help", () => {
  it("covers the benchmarks package.json names", () => {
    expect(benches).toEqual(expect.arrayContaining(["bench:mt", "bench:quality", "bench:http"]));
    expect(benches).toContain("bench:workers");
  });

  it("describes each benchmark and exits 0", async () => {
    const results = await Promise.all(
      benches.map(async (name) => ({ name, ...(await help(name)) })),
    );
    for (const { name, code, out } of results) {
      expect({ name, code }).toEqual({ name, code: 0 });
      // The usage line names the command, then a paragraph says what it measures.
      expect(out.split("\n")[0], name).toMatch(new RegExp(`^npm run ${name}\\b`));
      expect(out, name).toMatch(/Measures /);
      expect(out.split("\n").length, name).toBeGreaterThan(5);
    }
  }, 120_000);
});
