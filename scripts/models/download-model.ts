// `npm run model:download -- [<id>] [--allow-unknown]`: fetches a translation
// model (default MT_MODEL, else Xenova/opus-mt-id-en) from the model hub
// (HF_ENDPOINT for a mirror) into models/, so that the app then works offline.
// It says the model's licence before downloading, resumes an interrupted
// download, and checks the model by translating a sentence.
import path from "node:path";
import { KNOWN_MODELS, knownModel, type KnownModel } from "../../lib/translation/models/catalogue";
import {
  downloadModel,
  megabytes,
  ModelDownloadError,
  type DownloadProgress,
} from "../../lib/translation/models/download";
import { hubEndpoint } from "../../lib/translation/models/hub";
import {
  DEFAULT_MODEL_ID,
  modelDir,
  resolveModelSource,
} from "../../lib/translation/models/source";
import { mtThreads, TransformersEngine } from "../../lib/translation/transformers-engine";

/** A sentence every supported model translates the same way (and the test fixtures know). */
const CHECK_SENTENCE = "Kim bertemu Putin di Rusia.";

const ARCHITECTURE_NAMES = { marian: "Marian", m2m100: "M2M100", nllb: "NLLB-200" } as const;

/** What is said of a known model before its download: name, size, licence and what it allows. */
function licenceLines(model: KnownModel): string[] {
  return [
    `${model.id} (${ARCHITECTURE_NAMES[model.architecture]}, about ${megabytes(model.sizeBytes)})`,
    `Licence: ${model.licence.id} — ${model.licence.meaning}`,
  ];
}

function unknownModelMessage(id: string): string {
  return [
    `${id} is not one of the models Dwibahasa knows:`,
    ...KNOWN_MODELS.map((m) => `  ${m.id}  (${m.licence.id}, about ${megabytes(m.sizeBytes)})`),
    "To download another hub model anyway (its licence is then yours to check), add --allow-unknown.",
  ].join("\n");
}

function bar({ loaded, total, file }: DownloadProgress): string {
  const width = 30;
  const fraction = total > 0 ? Math.min(1, loaded / total) : 0;
  const filled = Math.round(fraction * width);
  const shown = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${megabytes(loaded)} of ${megabytes(total)}`;
  return file ? `${shown}  ${file}` : shown;
}

function progressPrinter(): (progress: DownloadProgress) => void {
  // A terminal gets a bar redrawn in place; a log gets one line per file.
  if (process.stdout.isTTY) {
    return (progress) => process.stdout.write(`\r${bar(progress).padEnd(100)}`);
  }
  let last = "";
  return (progress) => {
    if (progress.file === last) return;
    last = progress.file;
    console.log(bar(progress));
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const allowUnknown = args.includes("--allow-unknown");
  const id = args.find((a) => !a.startsWith("--")) ?? process.env.MT_MODEL ?? DEFAULT_MODEL_ID;
  const source = resolveModelSource(id);
  const known = knownModel(id);
  if (source.name !== source.id) {
    // A local folder: nothing to download, only to check.
    console.log(`${id} is a folder on this machine: nothing to download; checking it.`);
  } else if (known) {
    for (const line of licenceLines(known)) console.log(line);
  } else if (!allowUnknown) {
    console.error(unknownModelMessage(id));
    process.exit(2);
  } else {
    console.warn(`⚠ ${id} is not a model Dwibahasa knows: its licence is unknown here.`);
    console.warn(`  Read it on ${hubEndpoint()}/${id} before using its translations.`);
  }
  const dir = modelDir(source);
  if (source.name === source.id) {
    const where = path.relative(process.cwd(), dir) || ".";
    if (source.installed) {
      console.log(`Already in ${where}.`);
    } else {
      console.log(`Downloading from ${hubEndpoint()} into ${where}`);
      const result = await downloadModel({
        id,
        dir,
        dtype: source.dtype,
        onProgress: progressPrinter(),
      });
      if (process.stdout.isTTY) process.stdout.write("\n");
      console.log(`✔ Downloaded (hub revision ${result.revision}).`);
    }
  }
  const engine = new TransformersEngine(resolveModelSource(id), undefined, mtThreads());
  const [check] = await engine.translateBatch([{ source: CHECK_SENTENCE }]);
  console.log(`✔ Model ready. Test sentence: "${CHECK_SENTENCE}" → "${check?.text ?? ""}"`);
}

main().catch((error: unknown) => {
  if (process.stdout.isTTY) process.stdout.write("\n");
  const message = error instanceof Error ? error.message : String(error);
  console.error(`✖ ${message}`);
  if (error instanceof ModelDownloadError) console.error(`  ${error.hint}`);
  else
    console.error(
      "  On a machine without access to the model hub, copy the model's folder from one where this command worked.",
    );
  process.exit(1);
});
