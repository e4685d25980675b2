// The README and docs/ link to each other and to files of the repository: every
// relative link must reach an existing file, and every #anchor a heading of
// that file as GitHub names it. The README stays a short front door.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Each line outside fenced code blocks, with its index. */
function* outsideFences(markdown: string): Generator<[number, string]> {
  let fenced = false;
  for (const [index, line] of markdown.split("\n").entries()) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) yield [index, line];
  }
}

/** The anchors of a Markdown file's headings, with GitHub's -1, -2 for repeats. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, line] of outsideFences(markdown)) {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const base = slug(match[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

/**
 * The broken relative links of `markdown`, read as the file `file`: a target
 * that is not there, or an anchor that is no heading of its file.
 */
export function brokenLinks(
  markdown: string,
  file: string,
  read: (target: string) => string | null = (target) =>
    fs.existsSync(target)
      ? fs.statSync(target).isFile()
        ? fs.readFileSync(target, "utf8")
        : ""
      : null,
): string[] {
  const broken: string[] = [];
  for (const [index, line] of outsideFences(markdown)) {
    // Inline code is an example, not a link.
    for (const match of line
      .replace(/`[^`]*`/g, "``")
      .matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const link = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
      const [target = "", anchor] = link.split("#", 2);
      const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURI(target));
      const where = `${path.relative(root, file)}:${index + 1} ${link}`;
      const text = target === "" ? markdown : read(resolved);
      if (text === null) broken.push(`${where}: no such file`);
      else if (anchor !== undefined && !anchors(text).has(anchor))
        broken.push(`${where}: no heading #${anchor}`);
    }
  }
  return broken;
}

const docs = fs.existsSync(path.join(root, "docs"))
  ? fs
      .readdirSync(path.join(root, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => path.join(root, "docs", name))
  : [];
const files = [
  path.join(root, "README.md"),
  ...[path.join(root, "CONTRIBUTING.md")].filter((file) => fs.existsSync(file)),
  ...docs,
];

describe("documentation links", () => {
  it("finds the docs", () => {
    expect(docs.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [path.relative(root, file), file]))(
    "%s: every relative link and anchor resolves",
    (_, file) => {
      const broken = brokenLinks(fs.readFileSync(file, "utf8"), file);
      // CONTRIBUTING.md is linked before it exists; once it does, its links count like any other.
      const contributing = path.join(root, "CONTRIBUTING.md");
      const pending = fs.existsSync(contributing)
        ? []
        : [`${path.relative(path.dirname(file), contributing)}: no such file`];
      expect(broken.filter((b) => !pending.some((p) => b.endsWith(` ${p}`)))).toEqual([]);
    },
  );

  it("keeps the README a front door of at most 160 lines", () => {
    const lines = fs.readFileSync(path.join(root, "README.md"), "utf8").trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(160);
  });

  it("catches a missing file, a missing heading and names anchors as GitHub does", () => {
    const file = path.join(root, "docs", "made-up.md");
    const markdown = [
      "# Made up",
      "## Running on PostgreSQL (`npm run db:copy`)",
      "## Running on PostgreSQL (`npm run db:copy`)",
      "[ok](#running-on-postgresql-npm-run-dbcopy-1) [ok](../README.md#quick-start)",
      "[gone](no-such-file.md) [wrong](../README.md#no-such-heading) [self](#nope)",
      "```",
      "[inside a code block](ignored.md)",
      "```",
      "`[inline code](ignored.md)` [web](https://example.org/x.md)",
    ].join("\n");
    expect(brokenLinks(markdown, file)).toEqual([
      "docs/made-up.md:5 no-such-file.md: no such file",
      "docs/made-up.md:5 ../README.md#no-such-heading: no heading #no-such-heading",
      "docs/made-up.md:5 #nope: no heading #nope",
    ]);
    expect(slug("Loops, confidence and flags")).toBe("loops-confidence-and-flags");
    expect(slug("Scripts (`scripts/`)")).toBe("scripts-scripts");
  });
});
