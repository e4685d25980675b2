import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { requiredModelFiles } from "./catalogue";

export const DEFAULT_MODEL_ID = "Xenova/opus-mt-id-en";

/** The model `MT_MODEL` names: what translates when nobody chose another. */
export function configuredModelId(): string {
  return process.env.MT_MODEL ?? DEFAULT_MODEL_ID;
}

/** Where `npm run model:download` puts models, relative to the project root. */
export const MODELS_DIR = "models";

/**
 * Where a model is loaded from. `MT_MODEL` is either a hub id
 * ("Xenova/opus-mt-id-en") or a local directory ("./models/x", "tests/fixtures/tiny-marian",
 * or an absolute path).
 */
export interface ModelSource {
  /** What the app reports and stores as the revision's model id. */
  id: string;
  /** The name Transformers.js is given, relative to `localModelPath`. */
  name: string;
  /** Directory Transformers.js reads local models from. */
  localModelPath: string;
  /** Whether the hub may be asked for files missing locally. */
  allowRemote: boolean;
  /** Whether the model's files are already on disk. */
  installed: boolean;
  /** "q8" when quantized weights are present, else "fp32". */
  dtype: "q8" | "fp32";
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether every file the model needs is in place. A download writes each file
 * beside its place (`<file>.part`) and moves it there only when complete, so a
 * folder mid-download never counts.
 */
export function hasModelFiles(dir: string, dtype: "q8" | "fp32"): boolean {
  return requiredModelFiles(dtype).every((file) => isFile(path.join(dir, file)));
}

/** MT_DTYPE when set, else q8 unless only the full-precision files are there. */
function pickDtype(dir: string): "q8" | "fp32" {
  const wanted = process.env.MT_DTYPE;
  if (wanted === "q8" || wanted === "fp32") return wanted;
  return !hasModelFiles(dir, "q8") && hasModelFiles(dir, "fp32") ? "fp32" : "q8";
}

// Hub ids are exactly "owner/name".
const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

function looksLikePath(value: string, root: string): boolean {
  if (value.startsWith(".") || path.isAbsolute(value) || !HUB_ID.test(value)) return true;
  // A relative directory that exists (e.g. models/my-model) is a path, not a hub id.
  return fs.existsSync(path.join(root, value, "config.json"));
}

export function resolveModelSource(
  value: string = configuredModelId(),
  root: string = process.env.DWIBAHASA_ROOT ?? process.cwd(),
): ModelSource {
  if (looksLikePath(value, root)) {
    const dir = path.resolve(/*turbopackIgnore: true*/ root, value);
    const dtype = pickDtype(dir);
    return {
      id: value,
      name: path.basename(dir),
      localModelPath: path.dirname(dir),
      allowRemote: false,
      installed: hasModelFiles(dir, dtype),
      dtype,
    };
  }
  const modelsDir = path.resolve(
    /*turbopackIgnore: true*/ root,
    process.env.MT_MODELS_DIR ?? MODELS_DIR,
  );
  const dir = path.join(/*turbopackIgnore: true*/ modelsDir, value);
  const dtype = pickDtype(dir);
  const installed = hasModelFiles(dir, dtype);
  return {
    id: value,
    name: value,
    localModelPath: modelsDir,
    // Online users' first translation downloads a missing model; MT_OFFLINE=1 forbids it.
    allowRemote: !installed && process.env.MT_OFFLINE !== "1",
    installed,
    dtype,
  };
}

/** How to install the model: a command to run when it comes from the hub, else the folder to fill. */
export function installInstructions(source: ModelSource): {
  command: string | null;
  folder: string;
} {
  if (!source.allowRemote && source.name !== source.id) return { command: null, folder: source.id };
  const command =
    source.id === DEFAULT_MODEL_ID
      ? "npm run model:download"
      : `npm run model:download -- ${source.id}`;
  return { command, folder: `${MODELS_DIR}/${source.id}` };
}

/** What the health endpoint tells a user whose model cannot load. */
export function installHint(source: ModelSource): string {
  if (source.id === DEFAULT_MODEL_ID || !source.allowRemote) {
    return source.id === DEFAULT_MODEL_ID
      ? `Run "npm run model:download" on a machine that can reach huggingface.co (it saves the model into ${MODELS_DIR}/${DEFAULT_MODEL_ID}), or copy that folder there by hand, then restart the app.`
      : `Check that ${source.id} holds config.json, tokenizer.json, tokenizer_config.json and onnx/*.onnx, or set MT_MODEL to another model.`;
  }
  return `Run "npm run model:download -- ${source.id}" on a machine that can reach huggingface.co, then restart the app.`;
}

/**
 * Written beside a downloaded model's files: the hub commit they came from
 * (as `.revision.part` while the download runs).
 */
export const REVISION_FILE = ".revision";

/** The folder a source's files are in (for a hub model, once downloaded). */
export function modelDir(source: ModelSource): string {
  return path.join(/*turbopackIgnore: true*/ source.localModelPath, source.name);
}

// A source's revision, read once it is on disk: the engine translating with it
// loaded those weights, and every machine translation it stores names them
// (read per sentence, the folder would be listed and stat'ed for each).
const revisions = new WeakMap<ModelSource, string>();

/**
 * Which weights a machine translation came from: the hub commit a download
 * recorded, else a fingerprint of the folder's config and weight files (their
 * sizes and times), so that replaced weights show as another revision.
 * Null while the model is not on disk.
 */
export function modelRevision(source: ModelSource): string | null {
  const known = revisions.get(source);
  if (known) return known;
  const revision = readRevision(modelDir(source), source.dtype);
  if (revision) revisions.set(source, revision);
  return revision;
}

function readRevision(dir: string, dtype: ModelSource["dtype"]): string | null {
  if (!hasModelFiles(dir, dtype)) return null;
  try {
    const recorded = fs.readFileSync(path.join(dir, REVISION_FILE), "utf8").trim();
    if (recorded) return recorded;
  } catch {
    // Not downloaded by the app: fingerprint the files.
  }
  const parts: string[] = [fs.readFileSync(path.join(dir, "config.json"), "utf8")];
  for (const name of fs.readdirSync(path.join(dir, "onnx")).sort()) {
    if (name.endsWith(".part")) continue;
    const stat = fs.statSync(path.join(dir, "onnx", name));
    parts.push(`${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`);
  }
  return "local-" + createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 12);
}
