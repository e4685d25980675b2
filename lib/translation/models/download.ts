/**
 * Downloads a hub model's files into its folder, so that the app then loads it
 * from disk alone. Each file is written beside its place (`<file>.part`) and
 * moved there only once complete; an interrupted file is resumed with a Range
 * request on the next try. Used by the engine's first load and by
 * `npm run model:download`.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { modelFiles, OPTIONAL_MODEL_FILES } from "./catalogue";
import { contentRange, fileUrl, headFile, hubEndpoint, IDENTITY } from "./hub";
import { REVISION_FILE } from "./source";

/** Bytes of all the model's files so far; `file` is the one being fetched. */
export interface DownloadProgress {
  loaded: number;
  total: number;
  file: string;
}

export type DownloadFailure = "unreachable" | "http" | "interrupted" | "disk";

/** A download that stopped: what happened (`message`) and what to do (`hint`). */
export class ModelDownloadError extends Error {
  constructor(
    message: string,
    readonly failure: DownloadFailure,
    readonly hint: string,
    /** Bytes in place (whole files and parts) when it stopped. */
    readonly progress?: DownloadProgress,
  ) {
    super(message);
    this.name = "ModelDownloadError";
  }
}

export interface DownloadOptions {
  /** Hub id ("owner/name"). */
  id: string;
  /** The model's own folder (`<models dir>/<id>`). */
  dir: string;
  dtype: "q8" | "fp32";
  /** The hub's address; HF_ENDPOINT by default. */
  endpoint?: string;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadResult {
  dir: string;
  /** The hub commit recorded in the folder's REVISION_FILE ("main" when the hub named none). */
  revision: string;
  /** The files fetched or already in place. */
  files: string[];
}

const PART = ".part";
/** At most this often a progress report (a worker sends each one to the web process). */
const REPORT_MS = 150;
const RESUME = "Try again: the download resumes where it stopped.";

interface Job {
  promise: Promise<DownloadResult>;
  listeners: Set<(progress: DownloadProgress) => void>;
  progress: DownloadProgress;
}

// One download per model folder in a process: a second caller joins the first.
const running = new Map<string, Job>();

export function downloadModel(options: DownloadOptions): Promise<DownloadResult> {
  const key = path.resolve(options.dir);
  const current = running.get(key);
  if (current) {
    if (options.onProgress) {
      current.listeners.add(options.onProgress);
      options.onProgress({ ...current.progress });
    }
    return current.promise;
  }
  const job: Job = {
    listeners: new Set(options.onProgress ? [options.onProgress] : []),
    progress: { loaded: 0, total: 0, file: "" },
    promise: Promise.resolve(null as never),
  };
  job.promise = new Download(options, job).run().finally(() => running.delete(key));
  running.set(key, job);
  return job.promise;
}

interface Planned {
  file: string;
  /** Size the hub named, when it did. */
  size: number | null;
}

class Download {
  private readonly endpoint: string;
  private readonly host: string;
  private lastReport = 0;

  constructor(
    private readonly options: DownloadOptions,
    private readonly job: Job,
  ) {
    this.endpoint = (options.endpoint ?? hubEndpoint()).replace(/\/+$/, "");
    this.host = hostOf(this.endpoint);
  }

  async run(): Promise<DownloadResult> {
    const { plan, revision } = await this.plan();
    const { dir } = this.options;
    await this.disk(dir, () => fs.mkdir(dir, { recursive: true }));
    // Parts of another hub commit cannot be continued: those files start clean.
    const started = await readText(path.join(dir, REVISION_FILE + PART));
    if (started !== null && started !== revision) {
      for (const { file } of plan) {
        await fs.rm(path.join(dir, file + PART), { force: true });
        await fs.rm(path.join(dir, file), { force: true });
      }
    }
    await this.disk(path.join(dir, REVISION_FILE + PART), (file) =>
      fs.writeFile(file, revision + "\n"),
    );
    await fs.rm(path.join(dir, REVISION_FILE), { force: true });
    this.job.progress.total = plan.reduce((sum, p) => sum + (p.size ?? 0), 0);
    this.job.progress.loaded = 0;
    for (const planned of plan) {
      this.job.progress.loaded += await this.present(planned);
    }
    const fetched: string[] = [];
    for (const planned of plan) {
      if (await this.fetchFile(planned)) fetched.push(planned.file);
    }
    await this.disk(path.join(dir, REVISION_FILE), (file) =>
      fs.rename(path.join(dir, REVISION_FILE + PART), file),
    );
    this.report("", true);
    return { dir, revision, files: fetched };
  }

  /** Which files to fetch and their sizes, asked of the hub before any byte moves. */
  private async plan(): Promise<{ plan: Planned[]; revision: string }> {
    const plan: Planned[] = [];
    let commit: string | null = null;
    for (const file of modelFiles(this.options.dtype)) {
      const url = fileUrl(this.endpoint, this.options.id, file);
      const head = await headFile(url).catch((error: unknown) => {
        throw this.unreachable(error);
      });
      if (head.status === 404 && OPTIONAL_MODEL_FILES.includes(file)) continue;
      // A hub that refuses HEAD still answers GET: the size is learnt then.
      if (head.status === 405 || head.status === 501) {
        plan.push({ file, size: null });
        continue;
      }
      if (head.status >= 400) throw this.httpError(head.status, file);
      commit ??= head.commit;
      plan.push({ file, size: head.size });
    }
    return { plan, revision: commit ?? "main" };
  }

  /** Bytes of a file already on disk, whole or in part; clears what cannot be used. */
  private async present({ file, size }: Planned): Promise<number> {
    const target = path.join(this.options.dir, file);
    const whole = await sizeOnDisk(target);
    if (whole !== null) {
      if (size === null || whole === size) return whole;
      // Another size than the hub's: not this commit's file.
      await fs.rm(target, { force: true });
    }
    const part = await sizeOnDisk(target + PART);
    if (part !== null && size !== null && part > size) {
      await fs.rm(target + PART, { force: true });
      return 0;
    }
    return part ?? 0;
  }

  /** Fetches one file (resuming its part); false when an optional file is missing. */
  private async fetchFile(planned: Planned, fresh = false): Promise<boolean> {
    const { file } = planned;
    const target = path.join(this.options.dir, file);
    if ((await sizeOnDisk(target)) !== null) return true;
    const part = target + PART;
    await this.disk(path.dirname(target), (dir) => fs.mkdir(dir, { recursive: true }));
    let offset = fresh ? 0 : ((await sizeOnDisk(part)) ?? 0);
    if (offset > 0 && offset === planned.size) {
      await this.disk(target, () => fs.rename(part, target));
      return true;
    }
    this.report(file, true);
    const url = fileUrl(this.endpoint, this.options.id, file);
    const headers: Record<string, string> = { ...IDENTITY };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    const response = await fetch(url, { headers }).catch((error: unknown) => {
      throw this.unreachable(error);
    });
    if (response.status === 404 && OPTIONAL_MODEL_FILES.includes(file)) {
      await response.body?.cancel();
      return false;
    }
    if (response.status === 416 && offset > 0) {
      // The part is not a beginning of the hub's file (it changed): start clean.
      await response.body?.cancel();
      return this.restart(planned, offset);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw this.httpError(response.status, file);
    }
    let expected: number | null;
    if (response.status === 206) {
      const range = contentRange(response.headers.get("content-range"));
      if (!range || range.start !== offset) {
        await response.body?.cancel();
        return this.restart(planned, offset);
      }
      expected = range.total;
    } else {
      // A whole file (the hub ignored the range, or none was asked): the part starts clean.
      this.job.progress.loaded -= offset;
      offset = 0;
      const length = Number(response.headers.get("content-length"));
      expected = Number.isSafeInteger(length) && length >= 0 ? length : null;
    }
    if (expected !== null && expected !== planned.size) {
      this.job.progress.total += expected - (planned.size ?? 0);
      planned.size = expected;
    }
    const written = await this.write(response, part, offset, file, expected);
    if (expected !== null && written !== expected) {
      throw this.interrupted(file, written, expected, "the connection closed early");
    }
    await this.disk(target, () => fs.rename(part, target));
    this.report(file, true);
    return true;
  }

  private async restart(planned: Planned, offset: number): Promise<boolean> {
    const part = path.join(this.options.dir, planned.file + PART);
    await fs.rm(part, { force: true });
    this.job.progress.loaded -= offset;
    return this.fetchFile(planned, true);
  }

  /** Appends the answer's body to the part; returns the part's length. */
  private async write(
    response: Response,
    part: string,
    offset: number,
    file: string,
    expected: number | null,
  ): Promise<number> {
    const handle = await this.disk(part, () => fs.open(part, offset > 0 ? "a" : "w"));
    let written = offset;
    try {
      if (!response.body) return written;
      const reader = response.body.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw this.interrupted(file, written, expected, causeOf(error));
        }
        if (chunk.done) break;
        await this.disk(part, () => handle.write(chunk.value));
        written += chunk.value.byteLength;
        this.job.progress.loaded += chunk.value.byteLength;
        this.report(file, false);
      }
      return written;
    } finally {
      await handle.close();
    }
  }

  private report(file: string, force: boolean): void {
    this.job.progress.file = file;
    const now = Date.now();
    if (!force && now - this.lastReport < REPORT_MS) return;
    this.lastReport = now;
    const progress = { ...this.job.progress };
    for (const listener of this.job.listeners) listener(progress);
  }

  /** Runs a file-system step; its failure becomes a disk error that names the file. */
  private async disk<T>(file: string, step: (file: string) => Promise<T>): Promise<T> {
    try {
      return await step(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      const what = error instanceof Error ? error.message : String(error);
      const hint =
        code === "ENOSPC" || code === "EDQUOT"
          ? "Free some disk space, or set MT_MODELS_DIR to a disk with room, then try again."
          : "Make the models folder writable, or set MT_MODELS_DIR to a folder that is, then try again.";
      throw new ModelDownloadError(
        `The model ${this.options.id} could not be saved (${what}).`,
        "disk",
        hint,
        { ...this.job.progress },
      );
    }
  }

  private unreachable(error: unknown): ModelDownloadError {
    return new ModelDownloadError(
      `The model hub ${this.host} cannot be reached (${causeOf(error)}).`,
      "unreachable",
      `Check this machine's connection, or set HF_ENDPOINT to a mirror it can reach. ${RESUME}`,
      { ...this.job.progress },
    );
  }

  private httpError(status: number, file: string): ModelDownloadError {
    const missing = status === 401 || status === 403 || status === 404;
    return new ModelDownloadError(
      `The model hub ${this.host} answered HTTP ${status} for ${file} of ${this.options.id}.`,
      "http",
      missing
        ? `Check the model id (MT_MODEL) and, for a mirror, that HF_ENDPOINT serves this model.`
        : `The hub could not serve the file just now. ${RESUME}`,
      { ...this.job.progress },
    );
  }

  private interrupted(
    file: string,
    written: number,
    expected: number | null,
    cause: string,
  ): ModelDownloadError {
    const of = expected ? ` of ${expected}` : "";
    return new ModelDownloadError(
      `The download of ${file} from ${this.host} broke off after ${written}${of} bytes (${cause}).`,
      "interrupted",
      RESUME,
      { ...this.job.progress },
    );
  }
}

/** Bytes as the command line shows them ("12.3 MB"). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

async function sizeOnDisk(file: string): Promise<number | null> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    return null;
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** The lowest-level reason of a network error (undici wraps it as "fetch failed" or "terminated"). */
function causeOf(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  if (current instanceof Error) {
    const code = (current as NodeJS.ErrnoException).code;
    return code && !current.message.includes(code) ? `${code}: ${current.message}` : current.message;
  }
  return String(current);
}
