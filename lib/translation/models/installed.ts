/**
 * The models this machine can translate with: the one `MT_MODEL` names, and
 * every model folder downloaded into the models folder (`<owner>/<name>`, as
 * `npm run model:download` lays them out).
 */
import fs from "node:fs";
import path from "node:path";
import { knownModel, type KnownModel } from "./catalogue";
import { architectureOf, type Architecture } from "./profiles";
import {
  configuredModelId,
  MODELS_DIR,
  modelDir,
  resolveModelSource,
  type ModelSource,
} from "./source";

export interface InstalledModel {
  id: string;
  source: ModelSource;
  /** Null when its files do not say (an unsupported model). */
  architecture: Architecture | null;
  /** Bytes of the files the app loads (the chosen dtype's weights and the config files). */
  sizeBytes: number;
  /** Size, licence and published scores, for the hub models the app knows. */
  known: KnownModel | undefined;
}

function root(): string {
  return process.env.DWIBAHASA_ROOT ?? process.cwd();
}

/** Hub-style folders under the models folder that hold a model. */
function downloadedIds(): string[] {
  const dir = path.resolve(/*turbopackIgnore: true*/ root(), process.env.MT_MODELS_DIR ?? MODELS_DIR);
  const ids: string[] = [];
  for (const owner of safeList(dir)) {
    for (const name of safeList(path.join(dir, owner))) {
      const id = `${owner}/${name}`;
      if (resolveModelSource(id).installed) ids.push(id);
    }
  }
  return ids;
}

function safeList(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith("."))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function safeFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function describe(source: ModelSource): InstalledModel {
  const dir = modelDir(source);
  let architecture: Architecture | null = null;
  try {
    architecture = architectureOf(
      readJson(path.join(dir, "config.json")),
      readJson(path.join(dir, "tokenizer_config.json")),
    );
  } catch {
    architecture = null;
  }
  // The config files and the weights of the dtype the engine loads.
  const weights = (name: string) =>
    source.dtype === "q8" ? name.endsWith("_quantized.onnx") : !name.includes("_quantized");
  let sizeBytes = 0;
  for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json"]) {
    sizeBytes += fileSize(path.join(dir, file));
  }
  for (const name of safeFiles(path.join(dir, "onnx"))) {
    if (name.endsWith(".onnx") && weights(name)) sizeBytes += fileSize(path.join(dir, "onnx", name));
  }
  return { id: source.id, source, architecture, sizeBytes, known: knownModel(source.id) };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Every installed model, `MT_MODEL`'s first (listed even when not installed: it is the one the app asks for). */
export function installedModels(): InstalledModel[] {
  return availableModelIds().map((id) => describe(resolveModelSource(id)));
}

/** The models that may translate: `MT_MODEL`'s first, then those whose files are on this machine. */
export function availableModelIds(): string[] {
  const configured = configuredModelId();
  return [configured, ...downloadedIds().filter((id) => id !== configured)];
}

/** Whether a model may be chosen: `MT_MODEL`'s, or one whose files are on this machine. */
export function isAvailableModel(id: string): boolean {
  return availableModelIds().includes(id);
}
