import os from "node:os";
import { GUARDS, type GuardLevel, type SentenceRequest, type SentenceResult } from "./decode";
import {
  ModelUnavailableError,
  type ModelState,
  type ModelStatus,
  type TranslationEngine,
} from "./engine";
import { downloadModel, ModelDownloadError, type DownloadProgress } from "./models/download";
import {
  hasModelFiles,
  installHint,
  installInstructions,
  modelDir,
  modelRevision,
  type ModelSource,
} from "./models/source";
import { loadTranslationPipeline } from "./pipeline";
import { SearchDecoder, type LoadedTranslator } from "./search/decoder";
import { numberSetting } from "../settings";

export class TransformersEngine implements TranslationEngine {
  private state: ModelState = "idle";
  private error: string | undefined;
  private loading: Promise<SearchDecoder | null> | null = null;
  private decoder: SearchDecoder | null = null;
  /** The first load's download of the model, or where a failed one stopped. */
  private download: DownloadProgress | undefined;
  /** The engine whose loaded model this one searches with (see withBeams). */
  private owner: TransformersEngine | undefined;
  /** What to do about the last failure, when it knows better than the install hint. */
  private hint: string | undefined;

  constructor(
    private readonly source: ModelSource,
    /** Told of every change of the status (a worker passes them on to the web process). */
    private readonly onStatus?: (status: ModelStatus) => void,
    /** ONNX Runtime threads for one model call (unset: one per core). */
    private readonly threads?: number,
    /** Beams per sentence (1: greedy); unset: MT_BEAMS, else the model's own setting. */
    private readonly beams?: number,
  ) {}

  get modelRevision(): string | null {
    return modelRevision(this.source);
  }

  get modelId(): string {
    return this.source.id;
  }

  status(): ModelStatus {
    if (this.state === "idle" && !this.source.installed && !this.source.allowRemote) {
      // Known without trying: there is nothing to load.
      this.state = "unavailable";
      this.error = `The model ${this.source.id} is not installed.`;
    }
    const status: ModelStatus = { id: this.source.id, state: this.state };
    if (this.download && this.state !== "ready") status.download = { ...this.download };
    if (this.state === "unavailable") {
      status.error = this.error;
      status.hint = this.hint ?? installHint(this.source);
      status.install = installInstructions(this.source);
    }
    return status;
  }

  private changed(): void {
    this.onStatus?.(this.status());
  }

  async ensureLoaded(): Promise<boolean> {
    this.loading ??= this.owner ? this.loadFrom(this.owner) : this.load();
    return (await this.loading) !== null;
  }

  /**
   * The same model searching with another number of beams. The model is loaded
   * once and shared, as a worker holds each model once, so that decodings are
   * compared side by side in one process without a copy of the model each.
   */
  withBeams(beams: number): TransformersEngine {
    const other = new TransformersEngine(this.source, this.onStatus, this.threads, beams);
    other.owner = this;
    return other;
  }

  private async loadFrom(owner: TransformersEngine): Promise<SearchDecoder | null> {
    await owner.ensureLoaded();
    this.decoder = owner.decoder;
    this.state = owner.state;
    this.error = owner.error;
    if (!this.decoder) this.loading = null;
    return this.decoder;
  }

  /** Beams per sentence this engine searches with (known once the model is loaded). */
  get beamCount(): number | undefined {
    return this.decoder ? this.beamsFor(this.decoder) : undefined;
  }

  private beamsFor(decoder: SearchDecoder): number {
    return this.beams ?? mtBeams(decoder.modelDefaults.beams);
  }

  private async load(): Promise<SearchDecoder | null> {
    this.state = "loading";
    this.hint = undefined;
    this.changed();
    try {
      const dir = modelDir(this.source);
      if (!hasModelFiles(dir, this.source.dtype)) {
        if (!this.source.allowRemote) {
          throw new ModelUnavailableError(`The model ${this.source.id} is not installed.`);
        }
        // The first translation fetches the model; Transformers.js then reads the folder only.
        await downloadModel({
          id: this.source.id,
          dir,
          dtype: this.source.dtype,
          onProgress: (progress) => {
            this.download = progress;
            this.changed();
          },
        });
      }
      const translator = (await loadTranslationPipeline(this.source, {
        threads: this.threads,
      })) satisfies LoadedTranslator;
      const { Tensor } = await import("@huggingface/transformers");
      this.decoder = new SearchDecoder(translator, (type, data, dims) => {
        const tensor = new Tensor(type as "float32", data as Float32Array, dims);
        return tensor.ort_tensor as never;
      });
      this.state = "ready";
      this.download = undefined;
      this.changed();
      return this.decoder;
    } catch (error) {
      this.state = "unavailable";
      this.error = describeLoadError(error, this.source);
      if (error instanceof ModelDownloadError) {
        this.hint = error.hint;
        // Where it stopped, once any byte was counted (else what an earlier try reached).
        if (error.progress && error.progress.total > 0) this.download = error.progress;
      }
      // A later call may retry (after the model was installed; a download resumes).
      this.loading = null;
      this.changed();
      return null;
    }
  }

  async translateBatch(requests: SentenceRequest[]): Promise<SentenceResult[]> {
    if (requests.length === 0) return [];
    if (!(await this.ensureLoaded()) || !this.decoder) {
      throw new ModelUnavailableError(
        this.error ?? `The model ${this.source.id} is not available.`,
      );
    }
    // One model call per guard level: generation options apply to a whole batch.
    const results: SentenceResult[] = new Array(requests.length);
    const levels = new Map<GuardLevel, number[]>();
    requests.forEach((r, i) => {
      const level = r.guard ?? "normal";
      levels.set(level, [...(levels.get(level) ?? []), i]);
    });
    for (const [level, indexes] of levels) {
      const out = await this.generate(
        indexes.map((i) => requests[i]!),
        level,
      );
      indexes.forEach((i, k) => (results[i] = out[k]!));
    }
    return results;
  }

  private generate(requests: SentenceRequest[], level: GuardLevel): Promise<SentenceResult[]> {
    const decoder = this.decoder!;
    return decoder.translate(requests, GUARDS[level], this.beamsFor(decoder));
  }
}

function describeLoadError(error: unknown, source: ModelSource): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ModelUnavailableError || error instanceof ModelDownloadError) return message;
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(message)) {
    return `The model ${source.id} is not installed and the model hub cannot be reached (${message}).`;
  }
  return `The model ${source.id} could not be loaded: ${message}`;
}

/**
 * ONNX Runtime threads per model call (MT_THREADS). By default half the cores:
 * on two cores one thread translated as fast as two (`npm run bench:mt`,
 * knobs) and leaves the other core to the web server.
 */
export function mtThreads(): number {
  return numberSetting("MT_THREADS", Math.max(1, Math.floor(os.availableParallelism() / 2)));
}

/**
 * Beams per sentence (MT_BEAMS; 1 is greedy decoding). By default the model's
 * own `num_beams`, at most DEFAULT_MAX_BEAMS (see docs/translation.md, "Translation
 * quality", for the measurements behind it).
 */
export function mtBeams(modelBeams: number): number {
  return numberSetting("MT_BEAMS", Math.min(modelBeams, DEFAULT_MAX_BEAMS));
}

export const DEFAULT_MAX_BEAMS = 2;
