// The speed benchmarks measure on random-weight stand-ins with the real models'
// shape (scripts/models/build-*-shaped-model.py), which are git-ignored. This
// builds one when it is missing or its build script changed, so that a fresh
// clone runs each benchmark with one command: the Debian packages the build
// needs are installed when running as root with apt-get (as .ci/run installs
// Chromium), else named in one line.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveModelSource } from "../../lib/translation/models/source";

interface StandIn {
  script: string;
  /** The build scripts whose code shapes the stand-in (the script and those it imports). */
  sources: string[];
  about: string;
}

const MARIAN_PIECES = "scripts/models/build-tiny-marian.py";
const OPUS_SCRIPT = "scripts/models/build-opus-shaped-model.py";

/** Stand-ins by folder name: BENCH_MODEL may put one in another folder. */
const STAND_INS: Record<string, StandIn> = {
  "bench-opus-shaped": {
    script: OPUS_SCRIPT,
    sources: [OPUS_SCRIPT, MARIAN_PIECES],
    about: "about a minute, 0.65 GB",
  },
  "bench-nllb-shaped": {
    script: "scripts/models/build-nllb-shaped-model.py",
    sources: ["scripts/models/build-nllb-shaped-model.py", OPUS_SCRIPT, MARIAN_PIECES],
    about: "a few minutes",
  },
};

/**
 * Written into a stand-in's folder after it is built: a digest of the build
 * scripts, so that a stand-in an older script built (another graph layout,
 * other timings) is built again rather than measured.
 */
export const BUILT_BY_FILE = ".built-by";

/** The digest a stand-in folder of this name records once built (null for a model that is no stand-in). */
export function standInDigest(model: string): string | null {
  const standIn = STAND_INS[path.basename(model)];
  return standIn ? buildDigest(standIn) : null;
}

function buildDigest(standIn: StandIn): string {
  const hash = createHash("sha256");
  for (const source of standIn.sources) hash.update(fs.readFileSync(source));
  return hash.digest("hex");
}

function builtBy(dir: string): string | null {
  try {
    return fs.readFileSync(path.join(dir, BUILT_BY_FILE), "utf8").trim();
  } catch {
    return null;
  }
}

export const STAND_IN_PACKAGES = ["python3-torch", "python3-onnx", "libopenblas0-pthread"];

// Debian's python3-torch and python3-onnx install for the system Python, which
// another python3 earlier on PATH (pyenv, a virtualenv) would not see.
const SYSTEM_PYTHON = "/usr/bin/python3";

export class StandInMissing extends Error {}

export interface StandInOptions {
  python?: string;
  /** Whether packages may be installed with apt-get (default: running as root with apt-get). */
  mayInstall?: boolean;
  log?: (line: string) => void;
}

function canImportTorch(python: string): boolean {
  return spawnSync(python, ["-c", "import torch, onnx"], { stdio: "ignore" }).status === 0;
}

function hasAptGet(): boolean {
  return spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
}

function installPackages(log: (line: string) => void): boolean {
  log(`▶ Installing ${STAND_IN_PACKAGES.join(" ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  const install = spawnSync("apt-get", ["install", "-y", "-qq", ...STAND_IN_PACKAGES], {
    stdio: "inherit",
    env,
  });
  return install.status === 0;
}

/**
 * Makes sure `model` can be loaded: a stand-in that is missing, or that an
 * earlier version of its build script made, is built; any other missing model
 * is an error. Throws StandInMissing with one line saying
 * what to run when it cannot build it.
 */
export function ensureStandIn(model: string, options: StandInOptions = {}): void {
  const installed = resolveModelSource(model).installed;
  const standIn = STAND_INS[path.basename(model)];
  const out = path.resolve(model);
  if (installed && (!standIn || builtBy(out) === buildDigest(standIn))) return;
  if (!standIn)
    throw new StandInMissing(
      `No model at ${model} (BENCH_MODEL): give a model folder, or leave it unset for the stand-in.`,
    );
  const log = options.log ?? ((line: string) => console.log(line));
  const python = options.python ?? SYSTEM_PYTHON;
  if (installed) log(`▶ ${model} was built by an earlier version of ${standIn.script}.`);
  const build = `${SYSTEM_PYTHON} ${standIn.script}${out === path.resolve("models", path.basename(model)) ? "" : ` --out ${model}`}`;
  if (!canImportTorch(python)) {
    const mayInstall = options.mayInstall ?? (os.userInfo().uid === 0 && hasAptGet());
    if (!(mayInstall && installPackages(log) && canImportTorch(python)))
      throw new StandInMissing(
        `${model} is ${installed ? "out of date" : "missing"} and building it needs Debian's ${STAND_IN_PACKAGES.join(", ")}: sudo apt-get install -y ${STAND_IN_PACKAGES.join(" ")} && ${build}`,
      );
  }
  log(`▶ Building the stand-in ${model} (${standIn.about}): ${build}`);
  const result = spawnSync(python, [standIn.script, "--out", out], { stdio: "inherit" });
  if (result.status !== 0 || !resolveModelSource(model).installed)
    throw new StandInMissing(`Building ${model} failed (see above); run it again with: ${build}`);
  fs.writeFileSync(path.join(out, BUILT_BY_FILE), buildDigest(standIn) + "\n");
}

/** ensureStandIn for a benchmark's main: on failure, the one line and exit code 1. */
export function requireStandIn(model: string): void {
  try {
    ensureStandIn(model);
  } catch (error) {
    if (!(error instanceof StandInMissing)) throw error;
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
}
