// `npm run bench:terms`: how well machine translation keeps glossary terms, and
// at what cost, on the two fixture models (tiny-marian, trained to copy TERMn
// placeholders; tiny-marian-plain, never trained on them, like the real model).
// Side by side in one run, on the same sentences: the plain translation, the
// previous method (placeholders, a plain retry when one is lost) and the
// current one (a search constrained to the renderings, where the plain one
// does not write them itself). Then the
// loop guards: repeating outputs and changed training sentences per setting.
// Prints tables and, last, one JSON line of figures.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../lib/db/client";
import { protectTerms } from "../../lib/glossary/placeholders";
import { missingRenderings, termsIn } from "../../lib/glossary/renderings";
import { importGlossaryFile } from "../../lib/glossary/seed";
import { loadGlossary } from "../../lib/glossary/cache";
import { translateWithGlossary, type MachineTranslation } from "../../lib/glossary/translate";
import { GUARDS, type SentenceRequest } from "../../lib/translation/decode";
import { TransformersEngine } from "../../lib/translation/transformers-engine";
import { resolveModelSource } from "../../lib/translation/models/source";
import { repeatedRun } from "../../lib/translation/output-check";
import { exitOnHelp } from "./help";
import { freshBenchDb, readArticleDrafts, removeBenchDbs } from "./library";

const FIXTURES = ["tests/fixtures/tiny-marian", "tests/fixtures/tiny-marian-plain"];
const BATCH = 8;

type Strategy = "plain" | "placeholders" | "constrained";
interface Row {
  fixture: string;
  set: string;
  strategy: Strategy;
  sentences: number;
  occurrences: number;
  spellable: number;
  rendered: number;
  calls: number;
  keptExact: number;
  plainComplete: number;
  flagged: number;
  loopsShown: number;
}

async function batched<T>(items: string[], run: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await run(items.slice(i, i + BATCH))));
  return out;
}

async function spellChecker(fixture: string): Promise<(text: string) => boolean> {
  const { AutoTokenizer, env } = await import("@huggingface/transformers");
  env.allowRemoteModels = false;
  env.localModelPath = path.resolve(path.dirname(fixture)) + "/";
  const tokenizer = await AutoTokenizer.from_pretrained(path.basename(fixture));
  const unk = tokenizer.unk_token_id;
  return (text) => !tokenizer.encode(text, { add_special_tokens: false }).includes(unk ?? -1);
}

async function measure(db: Db, fixture: string, set: string, sentences: string[]): Promise<Row[]> {
  const engine = new TransformersEngine(resolveModelSource(fixture));
  await engine.ensureLoaded();
  const canSpell = await spellChecker(fixture);
  const glossary = await loadGlossary(db);
  let calls = 0;
  const translate = (requests: SentenceRequest[]) => {
    calls += requests.length;
    return engine.translateBatch(requests);
  };
  const texts = async (batch: string[]) =>
    (await translate(batch.map((source) => ({ source, guard: "normal" as const })))).map(
      (r) => r.text,
    );

  calls = 0;
  const plain = await batched(sentences, texts);
  const plainCalls = calls;

  // The previous method, as it was: placeholders in, renderings back, a plain retry when one is lost.
  calls = 0;
  const placeholders = await batched(sentences, async (batch) => {
    const prepared = batch.map((s) => protectTerms(s, glossary.source.find(s), glossary.byId));
    const output = await texts(prepared.map((p) => p.text));
    const result: string[] = [];
    const retry: number[] = [];
    prepared.forEach((p, i) => {
      const restored = p.restoreWithReport(output[i] ?? "");
      if (p.terms.length > 0 && (restored.missing.length > 0 || restored.unknown.length > 0))
        retry.push(i);
      result.push(restored.text);
    });
    if (retry.length > 0) {
      const again = await texts(retry.map((i) => batch[i]!));
      retry.forEach((i, k) => (result[i] = again[k] ?? ""));
    }
    return result;
  });
  const placeholderCalls = calls;

  calls = 0;
  const constrained: MachineTranslation[] = await batched(sentences, (batch) =>
    translateWithGlossary(db, batch, translate),
  );
  const constrainedCalls = calls;

  const row = (strategy: Strategy, outputs: string[], used: number, flags?: string[][]): Row => {
    const r: Row = {
      fixture: path.basename(fixture),
      set,
      strategy,
      sentences: sentences.length,
      occurrences: 0,
      spellable: 0,
      rendered: 0,
      calls: used,
      keptExact: 0,
      plainComplete: 0,
      flagged: 0,
      loopsShown: 0,
    };
    sentences.forEach((source, i) => {
      const uses = termsIn(glossary, source);
      const out = outputs[i] ?? "";
      const missing = new Set(missingRenderings(glossary, uses, out).map((u) => u.entryId));
      for (const u of uses) {
        r.occurrences++;
        if (!canSpell(u.translation)) continue;
        r.spellable++;
        if (!missing.has(u.entryId)) r.rendered++;
      }
      if (uses.length > 0 && missingRenderings(glossary, uses, plain[i]!).length === 0) {
        r.plainComplete++;
        if (out === plain[i]) r.keptExact++;
      }
      const f = flags?.[i] ?? [];
      if (f.length > 0) r.flagged++;
      if (repeatedRun(out) !== null && !f.includes("degenerate")) r.loopsShown++;
    });
    return r;
  };
  return [
    row("plain", plain, plainCalls),
    row("placeholders", placeholders, placeholderCalls),
    row(
      "constrained",
      constrained.map((s) => s.text),
      constrainedCalls,
      constrained.map((s) => s.flags),
    ),
  ];
}

/** Training sentences of the plain fixture that use a glossary term (in both fixtures' patterns). */
async function patternSentences(db: Db): Promise<string[]> {
  const glossary = await loadGlossary(db);
  const pairs = JSON.parse(
    fs.readFileSync("tests/fixtures/tiny-marian-plain/training-pairs.json", "utf8"),
  ) as [string, string][];
  return pairs
    .map(([s]) => s)
    .filter((s) => termsIn(glossary, s).length > 0)
    .filter((_, i) => i % 6 === 0);
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f2 = (x: number) => x.toFixed(2);

async function guardTable(seed: string[]) {
  const settings: [string, { no_repeat_ngram_size: number; repetition_penalty: number }][] = [
    ["none", { no_repeat_ngram_size: 0, repetition_penalty: 1 }],
    ["ngram 4 (normal)", { ...GUARDS.normal }],
    ["ngram 3", { no_repeat_ngram_size: 3, repetition_penalty: 1 }],
    ["penalty 1.2", { no_repeat_ngram_size: 0, repetition_penalty: 1.2 }],
    ["ngram 2 + penalty 1.2 (strong)", { ...GUARDS.strong }],
  ];
  const saved = { ...GUARDS.normal };
  const rows: string[][] = [];
  const figures: Record<string, number> = {};
  for (const fixture of FIXTURES) {
    const engine = new TransformersEngine(resolveModelSource(fixture));
    const pairs = (
      JSON.parse(fs.readFileSync(`${fixture}/training-pairs.json`, "utf8")) as [string, string][]
    ).filter((_, i) => i % 10 === 0);
    for (const [name, options] of settings) {
      // The bench swaps the normal level's options to compare settings on the same engine.
      Object.assign(GUARDS.normal, options);
      const run = (batch: string[]) =>
        engine
          .translateBatch(batch.map((source) => ({ source })))
          .then((r) => r.map((x) => x.text));
      const seedOut = await batched(seed, run);
      const trainOut = await batched(
        pairs.map(([s]) => s),
        run,
      );
      const loops = seedOut.filter((t) => repeatedRun(t) !== null).length;
      const changed = trainOut.filter((t, i) => t !== pairs[i]![1]).length;
      rows.push([
        path.basename(fixture),
        name,
        `${loops}/${seed.length}`,
        `${changed}/${pairs.length}`,
      ]);
      if (name === "none") figures[`${path.basename(fixture)}LoopsUnguarded`] = loops;
    }
  }
  Object.assign(GUARDS.normal, saved);
  console.log("\nLoop guards (seed sentences whose output repeats a word or phrase 3 times;");
  console.log("training sentences whose output differs from the reference)");
  console.table(
    rows.map(([fixture, setting, loops, changed]) => ({ fixture, setting, loops, changed })),
  );
  return figures;
}

/**
 * The term table on both fixtures: prints it and returns its figures
 * (`npm run bench:mt` shows it too, with the goals of the term handling).
 */
export async function termTable(): Promise<Record<string, number>> {
  const db = freshBenchDb().db;
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
  const seed = readArticleDrafts("content").flatMap((d) => d.paragraphs.flat());
  const patterns = await patternSentences(db);
  const rows: Row[] = [];
  for (const fixture of FIXTURES) {
    rows.push(...(await measure(db, fixture, "seed articles", seed)));
    rows.push(...(await measure(db, fixture, "training patterns", patterns)));
  }
  console.log(
    "Glossary terms in machine translation (accuracy: share of term occurrences whose rendering the output carries, among those the vocabulary can spell)",
  );
  console.table(
    rows.map((r) => ({
      model: r.fixture,
      sentences: `${r.set} (${r.sentences})`,
      method:
        r.strategy === "placeholders"
          ? "placeholders (before)"
          : r.strategy === "constrained"
            ? "constrained search (now)"
            : "plain",
      "term accuracy": f2(ratio(r.rendered, r.spellable)),
      "occurrences (spellable)": `${r.occurrences} (${r.spellable})`,
      "calls/sentence": f2(r.calls / r.sentences),
      "plain kept exactly": `${r.keptExact}/${r.plainComplete}`,
      flagged: r.flagged,
      "loops shown unflagged": r.loopsShown,
    })),
  );
  const figures: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.fixture === "tiny-marian" ? "fixture" : "plainFixture"}${r.set === "seed articles" ? "Seed" : "Patterns"}${r.strategy[0]!.toUpperCase()}${r.strategy.slice(1)}`;
    figures[`${key}TermAccuracy`] = Number(f2(ratio(r.rendered, r.spellable)));
    figures[`${key}CallsPerSentence`] = Number(f2(r.calls / r.sentences));
    if (r.strategy === "constrained")
      figures[`${key}KeptExactly`] = ratio(r.keptExact, r.plainComplete);
  }
  return figures;
}

const HELP = `npm run bench:terms

Measures how machine translation keeps glossary terms, on the two fixture
models (tests/fixtures/tiny-marian, trained to copy placeholders, and
tiny-marian-plain, never trained on them): the plain translation, the previous
method (placeholders) and the current one (a search constrained to the
renderings), on the seed sentences and on term patterns: term accuracy, model
calls per sentence, plain outputs kept exactly, sentences flagged. Then the
loop guards: repeating outputs and changed training sentences per setting.
No download, no stand-in, no settings.

Prints tables and last one JSON line: per fixture, sentence set and method,
<key>TermAccuracy, <key>CallsPerSentence and <key>KeptExactly, and the guards'
loop and change counts.`;

async function main() {
  exitOnHelp(HELP);
  const figures = await termTable();
  const seed = readArticleDrafts("content").flatMap((d) => d.paragraphs.flat());
  Object.assign(figures, await guardTable(seed));
  removeBenchDbs();
  console.log(JSON.stringify(figures));
}

// Run as a script, not when bench:mt imports termTable.
if (process.argv[1]?.endsWith(path.join("bench", "terms.ts"))) void main();
