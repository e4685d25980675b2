import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import type { ModelStatus } from "@/lib/translation/engine";
import { setEngine } from "@/lib/translation/engines";
import { modelFiles } from "@/lib/translation/models/catalogue";
import { downloadModel, ModelDownloadError } from "@/lib/translation/models/download";
import { REVISION_FILE, resolveModelSource } from "@/lib/translation/models/source";
import { TransformersEngine } from "@/lib/translation/transformers-engine";
import { WorkerEngine } from "@/lib/translation/worker/client";
import { freshDb } from "../helpers/db";
import { HUB_COMMIT, startModelHub, type TestHub } from "../helpers/model-hub";

const FIXTURE = path.resolve("tests/fixtures/tiny-marian");
const ID = "test-org/tiny-marian";
const FILES = modelFiles("q8");
const ENCODER = "onnx/encoder_model_quantized.onnx";
const SETTINGS = ["MT_MODEL", "HF_ENDPOINT", "MT_MODELS_DIR", "MT_OFFLINE", "MT_DTYPE"] as const;

let hub: TestHub;
let modelsDir: string;
const saved: Partial<Record<(typeof SETTINGS)[number], string>> = {};

const dir = () => path.join(modelsDir, ID);
const fixtureBytes = (file: string) => fs.readFileSync(path.join(FIXTURE, file));
const totalBytes = FILES.reduce((sum, file) => sum + fixtureBytes(file).length, 0);

function downloads(statuses: ModelStatus[]) {
  return statuses.flatMap((s) => (s.download && s.state === "loading" ? [s.download] : []));
}

beforeAll(async () => {
  hub = await startModelHub(ID, FIXTURE);
});

afterAll(() => hub.close());

beforeEach(() => {
  for (const name of SETTINGS) saved[name] = process.env[name];
  modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), "dwibahasa-models-"));
  process.env.MT_MODEL = ID;
  process.env.HF_ENDPOINT = hub.endpoint + "/";
  process.env.MT_MODELS_DIR = modelsDir;
  delete process.env.MT_OFFLINE;
  delete process.env.MT_DTYPE;
  hub.requests.length = 0;
  hub.failWith(null);
  hub.slow(0);
});

afterEach(() => {
  for (const name of SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  fs.rmSync(modelsDir, { recursive: true, force: true });
});

describe("the first translation downloads the model", () => {
  it("reports bytes of total as they come, then translates with the downloaded files", async () => {
    const statuses: ModelStatus[] = [];
    const source = resolveModelSource();
    expect(source).toMatchObject({ installed: false, allowRemote: true });
    const engine = new TransformersEngine(source, (status) => statuses.push(status));
    expect(await engine.ensureLoaded()).toBe(true);

    const seen = downloads(statuses);
    expect(seen.length).toBeGreaterThan(2);
    for (const d of seen) expect(d.total).toBe(totalBytes);
    const loaded = seen.map((d) => d.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).toBe(totalBytes);
    expect(engine.status()).toEqual({ id: ID, state: "ready" });

    for (const file of FILES)
      expect(fs.readFileSync(path.join(dir(), file))).toEqual(fixtureBytes(file));
    expect(fs.readFileSync(path.join(dir(), REVISION_FILE), "utf8").trim()).toBe(HUB_COMMIT);
    expect(engine.modelRevision).toBe(HUB_COMMIT);
    expect(resolveModelSource()).toMatchObject({ installed: true, allowRemote: false });

    const [result] = await engine.translateBatch([{ source: "Kim bertemu Putin di Rusia." }]);
    expect(result?.text).toBe("Kim met Putin in Russia.");
  });

  it("resumes an interrupted transfer with a Range request and ends with identical files", async () => {
    hub.cut(ENCODER, 20_000);
    const statuses: ModelStatus[] = [];
    const engine = new TransformersEngine(resolveModelSource(), (status) => statuses.push(status));
    expect(await engine.ensureLoaded()).toBe(false);

    // Nothing half-written is in place, and the model does not count as installed.
    expect(fs.existsSync(path.join(dir(), ENCODER))).toBe(false);
    expect(fs.statSync(path.join(dir(), ENCODER + ".part")).size).toBe(20_000);
    expect(fs.existsSync(path.join(dir(), REVISION_FILE))).toBe(false);
    expect(resolveModelSource().installed).toBe(false);
    const failed = engine.status();
    expect(failed.state).toBe("unavailable");
    expect(failed.error).toMatch(
      /encoder_model_quantized\.onnx .*broke off after 20000 of 64968 bytes/,
    );
    expect(failed.hint).toMatch(/resumes where it stopped/);
    expect(failed.download?.loaded).toBeGreaterThan(20_000);

    hub.requests.length = 0;
    expect(await engine.ensureLoaded()).toBe(true);
    const resumed = hub.requests.filter((r) => r.method === "GET" && r.file === ENCODER);
    expect(resumed).toEqual([{ method: "GET", file: ENCODER, range: "bytes=20000-" }]);
    // Files already in place are not fetched again.
    expect(hub.requests.some((r) => r.method === "GET" && r.file === "tokenizer.json")).toBe(false);
    for (const file of FILES)
      expect(fs.readFileSync(path.join(dir(), file))).toEqual(fixtureBytes(file));
    expect(fs.readdirSync(path.join(dir(), "onnx")).filter((f) => f.endsWith(".part"))).toEqual([]);
    const [result] = await engine.translateBatch([{ source: "Kim bertemu Putin di Rusia." }]);
    expect(result?.text).toBe("Kim met Putin in Russia.");
  });

  it("says what a server error was, changes nothing in place, and the next try completes", async () => {
    hub.cut(ENCODER, 10_000);
    const engine = new TransformersEngine(resolveModelSource());
    expect(await engine.ensureLoaded()).toBe(false);
    const before = snapshot(dir());

    hub.failWith(500);
    expect(await engine.ensureLoaded()).toBe(false);
    const status = engine.status();
    expect(status.state).toBe("unavailable");
    expect(status.error).toBe(
      `The model hub ${new URL(hub.endpoint).host} answered HTTP 500 for config.json of ${ID}.`,
    );
    expect(status.hint).toMatch(/Try again: the download resumes/);
    expect(snapshot(dir())).toEqual(before);
    expect(resolveModelSource().installed).toBe(false);

    hub.failWith(null);
    expect(await engine.ensureLoaded()).toBe(true);
  });

  it("says when the hub cannot be reached", async () => {
    const closed = await startModelHub(ID, FIXTURE);
    await closed.close();
    process.env.HF_ENDPOINT = closed.endpoint;
    const engine = new TransformersEngine(resolveModelSource());
    expect(await engine.ensureLoaded()).toBe(false);
    expect(engine.status().error).toMatch(
      /^The model hub 127\.0\.0\.1:\d+ cannot be reached \(.*ECONNREFUSED/,
    );
    expect(engine.status().hint).toMatch(/HF_ENDPOINT/);
  });

  it("asks nothing of the hub with MT_OFFLINE=1", async () => {
    process.env.MT_OFFLINE = "1";
    const engine = new TransformersEngine(resolveModelSource());
    expect(await engine.ensureLoaded()).toBe(false);
    expect(engine.status()).toMatchObject({
      state: "unavailable",
      error: `The model ${ID} is not installed.`,
    });
    expect(hub.requests).toEqual([]);
  });

  it("does without an optional file the hub lacks", async () => {
    const bare = await startModelHub(ID, FIXTURE, { omit: ["generation_config.json"] });
    process.env.HF_ENDPOINT = bare.endpoint;
    try {
      const engine = new TransformersEngine(resolveModelSource());
      expect(await engine.ensureLoaded()).toBe(true);
      expect(fs.existsSync(path.join(dir(), "generation_config.json"))).toBe(false);
      expect(resolveModelSource().installed).toBe(true);
    } finally {
      await bare.close();
    }
  });
});

describe("downloadModel", () => {
  it("runs one download per model at a time: a second caller joins the first", async () => {
    const first = downloadModel({ id: ID, dir: dir(), dtype: "q8" });
    const second = downloadModel({ id: ID, dir: dir(), dtype: "q8" });
    expect(second).toBe(first);
    expect((await first).revision).toBe(HUB_COMMIT);
    const gets = hub.requests.filter((r) => r.method === "GET").map((r) => r.file);
    expect(gets.sort()).toEqual([...FILES].sort());
  });

  it("says when the model cannot be saved, and what to do", async () => {
    const blocker = path.join(modelsDir, "a-file");
    fs.writeFileSync(blocker, "");
    const failure = await downloadModel({
      id: ID,
      dir: path.join(blocker, ID),
      dtype: "q8",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ModelDownloadError);
    expect(failure).toMatchObject({ failure: "disk" });
    expect((failure as Error).message).toMatch(/could not be saved \(ENOTDIR/);
    expect((failure as ModelDownloadError).hint).toMatch(/MT_MODELS_DIR/);
  });
});

describe("a download's progress outside the engine", () => {
  it("shows in GET /api/health while it runs", async () => {
    freshDb();
    hub.slow(2);
    const engine = new TransformersEngine(resolveModelSource());
    setEngine(engine);
    const loading = engine.ensureLoaded();
    let during: ModelStatus | undefined;
    for (let i = 0; i < 400 && !during; i++) {
      const body = (await (await health()).json()) as { model: ModelStatus };
      const d = body.model.download;
      if (body.model.state === "loading" && d && d.loaded > 0 && d.loaded < d.total)
        during = body.model;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(during?.download).toMatchObject({ total: totalBytes });
    hub.slow(0);
    expect(await loading).toBe(true);
    const after = (await (await health()).json()) as { model: ModelStatus };
    expect(after.model).toEqual({ id: ID, state: "ready" });
  });

  it("crosses from the worker process to the web process", async () => {
    hub.slow(2);
    const engine = new WorkerEngine(resolveModelSource());
    try {
      const loading = engine.ensureLoaded();
      let during: ModelStatus | undefined;
      for (let i = 0; i < 600 && !during; i++) {
        const status = engine.status();
        if (status.download && status.download.loaded > 0) during = status;
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(during).toMatchObject({ state: "loading", download: { total: totalBytes } });
      hub.slow(0);
      expect(await loading).toBe(true);
      expect(engine.status()).toEqual({ id: ID, state: "ready" });
    } finally {
      engine.stop();
    }
  }, 60_000);
});

describe("npm run model:download", () => {
  const run = promisify(execFile);
  const script = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ["--import", "tsx", "scripts/models/download-model.ts", ...args], {
      env: { ...process.env, ...env },
    });

  it("says a known model's licence before downloading, then checks it with a sentence", async () => {
    const known = await startModelHub("Xenova/opus-mt-id-en", FIXTURE);
    try {
      const { stdout } = await script(["Xenova/opus-mt-id-en"], { HF_ENDPOINT: known.endpoint });
      const lines = stdout.split("\n");
      const licence = lines.findIndex((l) => l.startsWith("Licence: Apache-2.0 — Free to use"));
      const downloading = lines.findIndex((l) => l.startsWith("Downloading from"));
      expect(lines[0]).toBe("Xenova/opus-mt-id-en (Marian, about 103.0 MB)");
      expect(licence).toBeGreaterThan(0);
      expect(downloading).toBeGreaterThan(licence);
      expect(stdout).toContain(`Downloaded (hub revision ${HUB_COMMIT})`);
      expect(stdout).toContain('"Kim bertemu Putin di Rusia." → "Kim met Putin in Russia."');
    } finally {
      await known.close();
    }
  }, 60_000);

  it("refuses an unknown id with the list of the known ones", async () => {
    const failure = await script(["someone/unknown-model"], {}).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain("someone/unknown-model is not one of the models Dwibahasa knows");
    for (const id of [
      "Xenova/opus-mt-id-en",
      "Xenova/m2m100_418M",
      "Xenova/nllb-200-distilled-600M",
    ])
      expect(stderr).toContain(id);
    expect(hub.requests).toEqual([]);
  }, 30_000);
});

/** Every file under a folder with its bytes' length. */
function snapshot(root: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (under: string) => {
    for (const entry of fs.readdirSync(path.join(root, under), { withFileTypes: true })) {
      const name = path.join(under, entry.name);
      if (entry.isDirectory()) walk(name);
      else out[name] = fs.statSync(path.join(root, name)).size;
    }
  };
  walk("");
  return out;
}
