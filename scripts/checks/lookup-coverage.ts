/**
 * How much of the seed articles the word look-up can explain.
 *
 *   npx tsx scripts/checks/lookup-coverage.ts
 *
 * Tokenizes the bodies of content/*.md, groups the words by root, and counts the
 * distinct roots explained at three levels: by the FreeDict dictionary alone,
 * by the dictionary plus the project's supplementary word list, and by those
 * plus the glossary (content/glossary.csv; a root counts when it equals one
 * whole word of a term or alias, case-insensitively: "kim", "kcna", "shoigu").
 */
import fs from "node:fs";
import path from "node:path";
import { importCsv } from "../../lib/glossary/exchange";
import { lookupWord } from "../../lib/lookup/dictionary";
import { stemWord } from "../../lib/lookup/stem";

const CONTENT_DIR = path.join(process.cwd(), "content");
const GLOSSARY_CSV = path.join(CONTENT_DIR, "glossary.csv");
const SAMPLE_SIZE = 40;

/** The Markdown body: everything after the front matter's closing "---". */
function articleBody(raw: string): string {
  const lines = raw.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") return raw;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  return end < 0 ? raw : lines.slice(end + 1).join("\n");
}

/** Every whole word of the glossary's terms and aliases, lower-cased. */
function glossaryWords(): Set<string> {
  const { entries, rejected } = importCsv(fs.readFileSync(GLOSSARY_CSV, "utf8"));
  for (const r of rejected) console.warn(`glossary.csv row ${r.row} skipped: ${r.reason}`);
  const words = new Set<string>();
  for (const entry of entries) {
    for (const text of [entry.term, ...entry.aliases]) {
      for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w !== "") words.add(w);
    }
  }
  return words;
}

interface RootInfo {
  count: number;
  /** Some surface form has senses from FreeDict. */
  byDictionary: boolean;
  /** Some surface form has senses from FreeDict or the supplement. */
  bySupplement: boolean;
  forms: Set<string>;
}

function main(): void {
  const files = fs
    .readdirSync(CONTENT_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort();
  const segmenter = new Intl.Segmenter("id", { granularity: "word" });

  // root → how often it occurs, and how far its surface forms are explained
  const roots = new Map<string, RootInfo>();
  let tokens = 0;
  for (const file of files) {
    const body = articleBody(fs.readFileSync(path.join(CONTENT_DIR, file), "utf8"));
    for (const { segment, isWordLike } of segmenter.segment(body)) {
      if (!isWordLike || !/\p{L}/u.test(segment)) continue; // numbers are not words to look up
      tokens += 1;
      const root = stemWord(segment);
      let info = roots.get(root);
      if (!info)
        roots.set(
          root,
          (info = { count: 0, byDictionary: false, bySupplement: false, forms: new Set() }),
        );
      info.count += 1;
      const form = segment.toLowerCase();
      if (!info.byDictionary && !info.forms.has(form)) {
        // The supplement is only consulted when FreeDict has nothing, so a
        // result without supplement senses is FreeDict's.
        const senses = lookupWord(segment).senses;
        if (senses.length > 0) {
          info.bySupplement = true;
          if (senses.every((s) => s.source === undefined)) info.byDictionary = true;
        }
      }
      info.forms.add(form);
    }
  }

  const glossary = glossaryWords();
  const all = [...roots.entries()];
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
  const byAny = (root: string, info: RootInfo): boolean => info.bySupplement || glossary.has(root);
  const levels: [label: string, explains: (root: string, info: RootInfo) => boolean][] = [
    ["dictionary only (FreeDict)", (_, info) => info.byDictionary],
    ["dictionary + supplement", (_, info) => info.bySupplement],
    ["dictionary + supplement + glossary", byAny],
  ];

  console.log(`${files.length} articles, ${tokens} word tokens, ${all.length} distinct roots`);
  for (const [label, explains] of levels) {
    const explained = all.filter(([root, info]) => explains(root, info));
    const tokensExplained = explained.reduce((sum, [, info]) => sum + info.count, 0);
    console.log(
      `explained by ${label}: ${explained.length} / ${all.length} roots (${pct(explained.length, all.length)}), ` +
        `${tokensExplained} / ${tokens} tokens (${pct(tokensExplained, tokens)})`,
    );
  }

  const unexplained = all
    .filter(([root, info]) => !byAny(root, info))
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, SAMPLE_SIZE)
    .map(([root, info]) => `${root} (${info.count})`);
  console.log(`most frequent unexplained roots: ${unexplained.join(", ")}`);
}

main();
