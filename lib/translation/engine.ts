import type { ProgressInfo } from "@huggingface/transformers";
import {
  installHint,
  installInstructions,
  resolveModelSource,
  type ModelSource,
} from "./model-source";

export type ModelState = "idle" | "loading" | "ready" | "unavailable";

export interface ModelStatus {
  id: string;
  state: ModelState;
  /** Why the model is unavailable, and how to install it. */
  error?: string;
  hint?: string;
  install?: { command: string | null; folder: string };
}

/** The whole of what the app needs from a translation model. */
export interface TranslationEngine {
  readonly modelId: string;
  status(): ModelStatus;
  /** Loads the model if needed; resolves false (never throws) when it cannot be loaded. */
  ensureLoaded(): Promise<boolean>;
  /** Translates a batch of sentences, one output per input, in order. */
  translateBatch(sentences: string[]): Promise<string[]>;
}

export class ModelUnavailableError extends Error {}

interface Seq2Seq {
  tokenizer: {
    (texts: string[], options: { padding: boolean; truncation: boolean }): Record<string, unknown>;
    batch_decode(ids: number[][], options: { skip_special_tokens: boolean }): string[];
  };
  model: {
    config: { eos_token_id?: number | number[]; decoder_start_token_id?: number };
    generate(options: Record<string, unknown>): Promise<{ tolist(): (number | bigint)[][] }>;
  };
}

/**
 * Cuts each generated row at its first end-of-sentence token. Batched generation
 * runs until every row has finished, and rows that finished early are not padded,
 * so anything after the first `</s>` in a row is not part of that translation.
 */
export function cutAtEos(
  rows: (number | bigint)[][],
  eos: number[],
  start: number | undefined,
): number[][] {
  return rows.map((row) => {
    const ids = row.map(Number);
    const from = start !== undefined && ids[0] === start ? 1 : 0;
    let end = ids.length;
    for (let i = from; i < ids.length; i++) {
      if (eos.includes(ids[i] as number)) {
        end = i;
        break;
      }
    }
    return ids.slice(from, end);
  });
}

export class TransformersEngine implements TranslationEngine {
  private state: ModelState = "idle";
  private error: string | undefined;
  private loading: Promise<Seq2Seq | null> | null = null;
  private translator: Seq2Seq | null = null;

  constructor(
    private readonly source: ModelSource,
    private readonly onProgress?: (info: ProgressInfo) => void,
  ) {}

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
    if (this.state === "unavailable") {
      status.error = this.error;
      status.hint = installHint(this.source);
      status.install = installInstructions(this.source);
    }
    return status;
  }

  async ensureLoaded(): Promise<boolean> {
    this.loading ??= this.load();
    return (await this.loading) !== null;
  }

  private async load(): Promise<Seq2Seq | null> {
    this.state = "loading";
    try {
      const { pipeline, env } = await import("@huggingface/transformers");
      env.localModelPath = this.source.localModelPath + "/";
      env.allowLocalModels = true;
      env.allowRemoteModels = this.source.allowRemote;
      env.cacheDir = this.source.localModelPath;
      if (!this.source.installed && !this.source.allowRemote) {
        throw new ModelUnavailableError(`The model ${this.source.id} is not installed.`);
      }
      const translator = (await pipeline("translation", this.source.name, {
        dtype: this.source.dtype,
        progress_callback: this.onProgress,
      })) as unknown as Seq2Seq;
      this.translator = translator;
      this.state = "ready";
      return translator;
    } catch (error) {
      this.state = "unavailable";
      this.error = describeLoadError(error, this.source);
      // A later call may retry (for example after the model was installed).
      this.loading = null;
      return null;
    }
  }

  async translateBatch(sentences: string[]): Promise<string[]> {
    if (sentences.length === 0) return [];
    if (!(await this.ensureLoaded()) || !this.translator) {
      throw new ModelUnavailableError(
        this.error ?? `The model ${this.source.id} is not available.`,
      );
    }
    const { tokenizer, model } = this.translator;
    const inputs = tokenizer(sentences, { padding: true, truncation: true });
    const longest = Math.max(...sentences.map((s) => s.length));
    const output = await model.generate({
      ...inputs,
      // Room for English running longer than the Indonesian, bounded so a
      // degenerate model cannot generate forever.
      max_new_tokens: Math.min(512, Math.ceil(longest / 2) + 32),
    });
    const eos = model.config.eos_token_id;
    const rows = cutAtEos(
      output.tolist(),
      eos === undefined ? [] : Array.isArray(eos) ? eos : [eos],
      model.config.decoder_start_token_id,
    );
    return tokenizer.batch_decode(rows, { skip_special_tokens: true }).map((text) => text.trim());
  }
}

function describeLoadError(error: unknown, source: ModelSource): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ModelUnavailableError) return message;
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(message)) {
    return `The model ${source.id} is not installed and the model hub cannot be reached (${message}).`;
  }
  return `The model ${source.id} could not be loaded: ${message}`;
}

// Loaded once per process: route handlers and the queue share this instance.
const globalForEngine = globalThis as unknown as { dwibahasaEngine?: TranslationEngine };

export function getEngine(): TranslationEngine {
  globalForEngine.dwibahasaEngine ??= new TransformersEngine(resolveModelSource());
  return globalForEngine.dwibahasaEngine;
}

/** For tests and tools that choose their own engine. */
export function setEngine(engine: TranslationEngine): void {
  globalForEngine.dwibahasaEngine = engine;
}
