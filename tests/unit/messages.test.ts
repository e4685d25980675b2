import fs from "node:fs";
import { describe, expect, it } from "vitest";

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses: {name}, {count, plural, ...}. */
function argumentsOf(message: string): string[] {
  return [
    ...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1]!)),
  ].sort();
}

const en = flatten(JSON.parse(fs.readFileSync("messages/en.json", "utf8")) as Messages);
const id = flatten(JSON.parse(fs.readFileSync("messages/id.json", "utf8")) as Messages);

describe("interface messages", () => {
  it("have the same keys in English and Indonesian", () => {
    expect([...id.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !id.has(k))).toEqual([]);
  });

  it("use the same arguments in both languages", () => {
    const mismatched = [...en]
      .filter(([key, text]) => argumentsOf(text).join() !== argumentsOf(id.get(key) ?? "").join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it("are never empty", () => {
    expect([...en, ...id].filter(([, text]) => text.trim() === "").map(([k]) => k)).toEqual([]);
  });
});
