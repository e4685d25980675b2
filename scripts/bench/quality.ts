// `npm run bench:quality`: translation quality of the app's own engine against
// reference translations, for each decoding setting side by side in one run:
// chrF (sacreBLEU's chrF2), and with the glossary, term accuracy and
// renderings written twice, with the time per sentence beside each.
//
//   npm run bench:quality                                        # MT_MODEL (or the default model), the seed references
//   npm run bench:quality -- --model ../models/real-small-id-en  # another model folder (repeat to compare models)
//   npm run bench:quality -- --references pairs.tsv              # also a file of pairs (TSV or JSON Lines)
//   npm run bench:quality -- --library                           # also the library's corrections (DATABASE_URL)
//   npm run bench:quality -- --beams 1,4                         # only these beam counts
//
// With the glossary, each sentence's terms are those whose rendering its
// reference carries (content/glossary.csv): the figures measure how the
// renderings are placed, not whether the glossary suits the reference.
// Prints tables and, last, one JSON line of figures.
import path from "node:path";
import { parseArgs } from "node:util";
import type { LoadedGlossary } from "../../lib/glossary/cache";
import { loadGlossary } from "../../lib/glossary/cache";
import { termsIn, type TermUse } from "../../lib/glossary/renderings";
import { importGlossaryFile } from "../../lib/glossary/seed";
import { translateWithTerms } from "../../lib/glossary/translate";
import { createDb } from "../../lib/db/client";
import { databaseUrl } from "../../lib/db/url";
import { corpusChrf } from "../../lib/quality/chrf";
import {
  correctionPairs,
  readReferenceFile,
  ReferenceFileError,
  SEED_REFERENCES,
  type ReferencePair,
} from "../../lib/quality/references";
import { termFigures, usesInReference } from "../../lib/quality/terms";
import {
  DEFAULT_BATCH_ROWS,
  DEFAULT_BATCH_TOKENS,
  planBatches,
} from "../../lib/translation/batches";
import { mtBeams, mtThreads, TransformersEngine } from "../../lib/translation/transformers-engine";
import { resolveModelSource } from "../../lib/translation/models/source";
import { exitOnHelp } from "./help";
import { freshBenchDb, removeBenchDbs } from "./library";

const HELP = `npm run bench:quality [-- options]

Measures translation quality against reference translations: chrF (as
sacreBLEU computes it), and with the glossary, term accuracy and renderings
written twice, for greedy decoding and beam search side by side, with the time
per sentence. Reference sets: the seed articles' references (always), a file of
pairs, the library's corrections. No settings beyond these; MT_THREADS, MT_DTYPE
and MT_MODELS_DIR as the app reads them.

The default model is the app's (MT_MODEL, else Xenova/opus-mt-id-en): taken
from models/, else downloaded from huggingface.co as the app does. Offline and
without it, the run stops with one line saying what to do. Stand-ins and the
test fixtures load anywhere, but their figures say nothing about quality.

  --model DIR        model folder or id (repeat to compare; default MT_MODEL)
  --references FILE  pairs of source and reference: .jsonl ({"source","reference"}) or TSV
  --library          the corrections in DATABASE_URL's library, each the reference
                     for the machine translation it replaced
  --beams LIST       beam counts to compare (default 1,2,4,6 and the engine's default)
  --skip-seed        leave out the seed articles' references
  --help             this text

Prints a table per reference set and model, and last one JSON line: model,
references, defaultBeams, greedyChrf, defaultChrf, beams (chrF per beam count),
glossaryTermChrf, plainTermChrf, termAccuracy, plainTermAccuracy,
renderingTwice, plainRenderingTwice, greedySecondsPerSentence,
defaultSecondsPerSentence, defaultOverGreedyChrf, sets (per set and model) and
correctionsChrf.`;

interface Setting {
  beams: number;
  glossary: boolean;
}

interface SetResult {
  model: string;
  set: string;
  setting: Setting;
  sentences: number;
  chrf: number;
  /** chrF over the sentences that have a term the reference uses. */
  termChrf: number;
  termSentences: number;
  termAccuracy: number;
  writtenTwice: number;
  secondsPerSentence: number;
}

function options() {
  const { values } = parseArgs({
    options: {
      model: { type: "string", multiple: true },
      references: { type: "string", multiple: true },
      library: { type: "boolean", default: false },
      "skip-seed": { type: "boolean", default: false },
      beams: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  return values;
}

async function translateSet(
  engine: TransformersEngine,
  glossary: LoadedGlossary,
  pairs: readonly ReferencePair[],
  uses: TermUse[][],
): Promise<{ outputs: string[]; seconds: number }> {
  const items = pairs.map((p, index) => ({ source: p.source, index }));
  const outputs: string[] = new Array(pairs.length).fill("");
  const start = performance.now();
  // In the app's batches: sentences of similar length together, up to its limits.
  for (const batch of planBatches(items, {
    maxRows: DEFAULT_BATCH_ROWS,
    maxTokens: DEFAULT_BATCH_TOKENS,
  })) {
    const translated = await translateWithTerms(
      glossary,
      batch.map((b) => b.source),
      batch.map((b) => uses[b.index]!),
      (requests) => engine.translateBatch(requests),
    );
    batch.forEach((b, k) => (outputs[b.index] = translated[k]!.text));
  }
  return { outputs, seconds: (performance.now() - start) / 1000 };
}

async function main() {
  exitOnHelp(HELP);
  const args = options();
  const db = freshBenchDb().db;
  await importGlossaryFile(db, path.resolve("content/glossary.csv"));
  const glossary = await loadGlossary(db);

  const sets: { name: string; pairs: ReferencePair[] }[] = args["skip-seed"]
    ? []
    : [{ name: "seed articles", pairs: readReferenceFile(SEED_REFERENCES) }];
  for (const file of args.references ?? []) {
    sets.push({ name: path.basename(file), pairs: readReferenceFile(file) });
  }
  if (args.library) {
    const library = createDb(databaseUrl());
    const pairs = await correctionPairs(library);
    await library.$disconnect();
    if (pairs.length === 0)
      console.log("The library has no corrections of machine translations yet.");
    else sets.push({ name: "library corrections", pairs });
  }
  if (sets.length === 0) throw new ReferenceFileError("No references to measure against.");

  const models = args.model?.length ? args.model : [process.env.MT_MODEL ?? undefined];
  const results: SetResult[] = [];
  const defaults = new Map<string, number>();
  const edits: { model: string; chrf: number; sentences: number }[] = [];
  for (const model of models) {
    const source = resolveModelSource(model);
    const probe = new TransformersEngine(source, undefined, mtThreads());
    if (!(await probe.ensureLoaded())) {
      // One line: what failed, and the two ways on.
      console.error(
        `✖ ${probe.status().error} Download it with \`MT_MODEL=${source.id} npm run model:download\` where huggingface.co answers (or copy its folder into models/), or pass --model DIR.`,
      );
      process.exitCode = 1;
      continue;
    }
    const defaultBeams = probe.beamCount ?? mtBeams(1);
    defaults.set(source.id, defaultBeams);
    const beamList = args.beams ? args.beams.split(",").map((b) => Number(b.trim())) : [1, 2, 4, 6];
    if (beamList.some((b) => !Number.isInteger(b) || b < 1)) {
      throw new ReferenceFileError(`--beams takes whole numbers of 1 or more, like 1,2,4.`);
    }
    if (!beamList.includes(defaultBeams)) beamList.push(defaultBeams);
    console.log(`\n${source.id}: the engine's default is ${defaultBeams} beam(s).`);
    for (const set of sets) {
      const allUses = set.pairs.map((p) =>
        usesInReference(glossary, termsIn(glossary, p.source), p.reference),
      );
      const none = set.pairs.map(() => [] as TermUse[]);
      const references = set.pairs.map((p) => p.reference);
      const withTerm = allUses.flatMap((u, i) => (u.length > 0 ? [i] : []));
      if (set.name === "library corrections") {
        const machine = set.pairs.filter((p) => p.modelId === source.id);
        if (machine.length > 0) {
          edits.push({
            model: source.id,
            sentences: machine.length,
            chrf: corpusChrf(
              machine.map((p) => p.machine!),
              machine.map((p) => p.reference),
            ),
          });
        }
      }
      for (const beams of beamList) {
        const engine = probe.withBeams(beams);
        await engine.ensureLoaded();
        for (const useGlossary of [false, true]) {
          const uses = useGlossary ? allUses : none;
          const { outputs, seconds } = await translateSet(engine, glossary, set.pairs, uses);
          const terms = termFigures(glossary, allUses, outputs, references);
          results.push({
            model: source.id,
            set: set.name,
            setting: { beams, glossary: useGlossary },
            sentences: set.pairs.length,
            chrf: corpusChrf(outputs, references),
            termChrf: withTerm.length
              ? corpusChrf(
                  withTerm.map((i) => outputs[i]!),
                  withTerm.map((i) => references[i]!),
                )
              : NaN,
            termSentences: withTerm.length,
            termAccuracy: terms.uses ? terms.rendered / terms.uses : NaN,
            writtenTwice: terms.writtenTwice,
            secondsPerSentence: seconds / set.pairs.length,
          });
          const r = results.at(-1)!;
          console.log(
            `  ${set.name}, ${beams} beam(s), ${useGlossary ? "glossary" : "plain"}: chrF ${r.chrf.toFixed(2)}, ` +
              `${(r.secondsPerSentence * 1000).toFixed(0)} ms/sentence`,
          );
        }
      }
    }
  }
  removeBenchDbs();
  // No model loaded: the line above said why; empty tables would only bury it.
  if (results.length === 0) return;

  const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");
  console.log(
    "\nTranslation quality (chrF against the references; terms: sentences whose reference uses a glossary rendering)",
  );
  console.table(
    results.map((r) => ({
      model: path.basename(r.model),
      references: `${r.set} (${r.sentences})`,
      decoding:
        (r.setting.beams === 1 ? "greedy" : `beam ${r.setting.beams}`) +
        (r.setting.beams === defaults.get(r.model) ? " (default)" : ""),
      glossary: r.setting.glossary ? "yes" : "no",
      chrF: f2(r.chrf),
      [`chrF, term sentences`]: `${f2(r.termChrf)} (${r.termSentences})`,
      "term accuracy": f2(r.termAccuracy),
      "written twice": r.writtenTwice,
      "ms/sentence": (r.secondsPerSentence * 1000).toFixed(1),
    })),
  );
  if (edits.length > 0) {
    console.log(
      "\nThe library's corrections: chrF of each model's stored translation against the corrected text",
    );
    console.table(edits.map((e) => ({ model: e.model, sentences: e.sentences, chrF: f2(e.chrf) })));
  }

  // The JSON line: the first model on the first reference set (the seed articles unless skipped).
  const first = results[0]?.model;
  const seed = results.filter((r) => r.model === first && r.set === sets[0]!.name);
  const pick = (beams: number, glossary: boolean) =>
    seed.find((r) => r.setting.beams === beams && r.setting.glossary === glossary);
  const defaultBeams = first ? defaults.get(first)! : 1;
  const round = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(3));
  const greedy = pick(1, false);
  const plainDefault = pick(defaultBeams, false);
  const glossaryDefault = pick(defaultBeams, true);
  const figures = {
    model: first ?? null,
    references: sets[0]!.name,
    defaultBeams,
    greedyChrf: round(greedy?.chrf),
    defaultChrf: round(plainDefault?.chrf),
    beams: Object.fromEntries(
      seed.filter((r) => !r.setting.glossary).map((r) => [r.setting.beams, round(r.chrf)]),
    ),
    glossaryTermChrf: round(glossaryDefault?.termChrf),
    plainTermChrf: round(plainDefault?.termChrf),
    termAccuracy: round(glossaryDefault?.termAccuracy),
    plainTermAccuracy: round(plainDefault?.termAccuracy),
    renderingTwice: glossaryDefault?.writtenTwice ?? null,
    plainRenderingTwice: plainDefault?.writtenTwice ?? null,
    greedySecondsPerSentence: round(greedy?.secondsPerSentence),
    defaultSecondsPerSentence: round(plainDefault?.secondsPerSentence),
    defaultOverGreedyChrf: round(
      greedy && plainDefault ? plainDefault.chrf - greedy.chrf : undefined,
    ),
    sets: Object.fromEntries(
      [...new Set(results.filter((r) => r.model === first).map((r) => r.set))].map((set) => [
        set,
        Object.fromEntries(
          results
            .filter((r) => r.model === first && r.set === set && !r.setting.glossary)
            .map((r) => [r.setting.beams, round(r.chrf)]),
        ),
      ]),
    ),
    // Every model side by side: each reference set at the model's default decoding.
    models: Object.fromEntries(
      [...new Set(results.map((r) => r.model))].map((model) => {
        const beams = defaults.get(model)!;
        const own = results.filter((r) => r.model === model && r.setting.beams === beams);
        return [
          model,
          {
            defaultBeams: beams,
            sets: Object.fromEntries(
              [...new Set(own.map((r) => r.set))].map((set) => {
                const plain = own.find((r) => r.set === set && !r.setting.glossary);
                const glossary = own.find((r) => r.set === set && r.setting.glossary);
                return [
                  set,
                  {
                    chrf: round(plain?.chrf),
                    glossaryChrf: round(glossary?.chrf),
                    termAccuracy: round(glossary?.termAccuracy),
                    secondsPerSentence: round(plain?.secondsPerSentence),
                  },
                ];
              }),
            ),
            correctionsChrf: round(edits.find((e) => e.model === model)?.chrf),
          },
        ];
      }),
    ),
  };
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  if (error instanceof ReferenceFileError) {
    console.error(`✖ ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
