/**
 * How much of the seed articles the word look-up can explain.
 *
 *   npx tsx scripts/lookup-coverage.ts
 *
 * Tokenizes the bodies of content/*.md, groups the words by root, and counts the
 * distinct roots for which lookupWord finds at least one English sense.
 */
import fs from "node:fs";
import path from "node:path";
import { lookupWord } from "../lib/lookup/dictionary";
import { stemWord } from "../lib/lookup/stem";

const CONTENT_DIR = path.join(process.cwd(), "content");
const SAMPLE_SIZE = 40;

/** The Markdown body: everything after the front matter's closing "---". */
function articleBody(raw: string): string {
  const lines = raw.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") return raw;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  return end < 0 ? raw : lines.slice(end + 1).join("\n");
}

function main(): void {
  const files = fs
    .readdirSync(CONTENT_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort();
  const segmenter = new Intl.Segmenter("id", { granularity: "word" });

  // root → how often it occurs, and whether any of its surface forms is explained
  const roots = new Map<string, { count: number; explained: boolean; forms: Set<string> }>();
  let tokens = 0;
  for (const file of files) {
    const body = articleBody(fs.readFileSync(path.join(CONTENT_DIR, file), "utf8"));
    for (const { segment, isWordLike } of segmenter.segment(body)) {
      if (!isWordLike || !/\p{L}/u.test(segment)) continue; // numbers are not words to look up
      tokens += 1;
      const root = stemWord(segment);
      let info = roots.get(root);
      if (!info) roots.set(root, (info = { count: 0, explained: false, forms: new Set() }));
      info.count += 1;
      const form = segment.toLowerCase();
      if (!info.explained && !info.forms.has(form)) info.explained = lookupWord(segment).senses.length > 0;
      info.forms.add(form);
    }
  }

  const all = [...roots.entries()];
  const explained = all.filter(([, info]) => info.explained);
  const tokensExplained = explained.reduce((sum, [, info]) => sum + info.count, 0);
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;

  console.log(`${files.length} articles, ${tokens} word tokens, ${all.length} distinct roots`);
  console.log(`explained roots: ${explained.length} / ${all.length} (${pct(explained.length, all.length)})`);
  console.log(`explained tokens: ${tokensExplained} / ${tokens} (${pct(tokensExplained, tokens)})`);

  const unexplained = all
    .filter(([, info]) => !info.explained)
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, SAMPLE_SIZE)
    .map(([root, info]) => `${root} (${info.count})`);
  console.log(`most frequent unexplained roots: ${unexplained.join(", ")}`);
}

main();
