import os from "node:os";
import type { ProgressInfo } from "@huggingface/transformers";
import {
  DecodeProcessor,
  GUARDS,
  planRow,
  type GuardLevel,
  type SentenceRequest,
  type SentenceResult,
} from "./decode";
import {
  installHint,
  installInstructions,
  resolveModelSource,
  type ModelSource,
} from "./model-source";
import { fetchOnlyChangingOutputs } from "./decoder-outputs";
import { loadTranslationPipeline } from "./pipeline";
import { numberSetting } from "../settings";
import { WorkerEngine } from "./worker/client";

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
  /**
   * Translates a batch of sentences, one result per request, in order. Requests
   * and results are plain data (they may cross a worker boundary).
   */
  translateBatch(requests: SentenceRequest[]): Promise<SentenceResult[]>;
}

export class ModelUnavailableError extends Error {}

interface Seq2Seq {
  tokenizer: {
    (texts: string[], options: { padding: boolean; truncation: boolean }): Record<string, unknown>;
    encode(text: string, options: { add_special_tokens: boolean }): number[];
    batch_decode(ids: number[][], options: { skip_special_tokens: boolean }): string[];
    convert_tokens_to_ids(tokens: string[]): (number | undefined)[];
    unk_token_id?: number;
  };
  model: {
    config: { eos_token_id?: number | number[]; decoder_start_token_id?: number };
    generation_config?: { forced_eos_token_id?: number | number[] | null } | null;
    generate(options: Record<string, unknown>): Promise<{ tolist(): (number | bigint)[][] }>;
    sessions?: Record<string, Parameters<typeof fetchOnlyChangingOutputs>[0]>;
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
    /** ONNX Runtime threads for one model call (unset: one per core). */
    private readonly threads?: number,
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
      if (!this.source.installed && !this.source.allowRemote) {
        throw new ModelUnavailableError(`The model ${this.source.id} is not installed.`);
      }
      const translator = (await loadTranslationPipeline(this.source, {
        threads: this.threads,
        onProgress: this.onProgress,
      })) as Seq2Seq;
      fetchOnlyChangingOutputs(translator.model.sessions?.decoder_model_merged);
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

  async translateBatch(requests: SentenceRequest[]): Promise<SentenceResult[]> {
    if (requests.length === 0) return [];
    if (!(await this.ensureLoaded()) || !this.translator) {
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

  private async generate(
    requests: SentenceRequest[],
    level: GuardLevel,
  ): Promise<SentenceResult[]> {
    const { tokenizer, model } = this.translator!;
    const sentences = requests.map((r) => r.source);
    const inputs = tokenizer(sentences, { padding: true, truncation: true });
    const longest = Math.max(...sentences.map((s) => s.length));
    const planTokens = {
      encode: (text: string) => tokenizer.encode(text, { add_special_tokens: false }),
      unknownId: tokenizer.unk_token_id,
    };
    // The source's length in tokens places the renderings when there is no
    // earlier output to place them by; only then is the source tokenized again.
    const plans = requests.map((r) =>
      planRow(
        r.steer,
        r.expectedTokens,
        planTokens,
        r.steer?.length && r.expectedTokens === undefined ? planTokens.encode(r.source).length : 0,
      ),
    );
    const steerRoom = Math.max(
      0,
      ...plans.map((p) => p.renderings.reduce((n, r) => n + (r.variants[0]?.ids.length ?? 0), 0)),
    );
    const eosConfig = model.config.eos_token_id;
    const eos = eosConfig === undefined ? [] : Array.isArray(eosConfig) ? eosConfig : [eosConfig];
    // Room for English running longer than the Indonesian (and for steered
    // renderings), bounded so a degenerate model cannot generate forever.
    const maxNewTokens = Math.min(512, Math.ceil(longest / 2) + 32 + steerRoom);
    const forcedEos = model.generation_config?.forced_eos_token_id;
    const processor = new DecodeProcessor(
      plans,
      {
        eos,
        sentenceEnd: knownTokens(tokenizer, [".", "!", "?"]),
        articles: knownTokens(tokenizer, ["\u2581the", "\u2581The"]),
      },
      {
        ...GUARDS[level],
        ...(forcedEos !== undefined && forcedEos !== null ? { forcedEosAfter: maxNewTokens } : {}),
      },
    );
    const output = await model.generate({
      ...inputs,
      // The processor applies the loop guards itself (the same logits, less
      // work per step): Transformers.js's own are switched off.
      no_repeat_ngram_size: 0,
      repetition_penalty: 1,
      max_new_tokens: maxNewTokens,
      logits_processor: [processor.asProcessor()],
    });
    const rows = cutAtEos(output.tolist(), eos, model.config.decoder_start_token_id);
    const texts = tokenizer.batch_decode(rows, { skip_special_tokens: true });
    const scores = processor.results();
    return rows.map((row, i) => ({
      text: (texts[i] ?? "").trim(),
      meanLogProb: scores[i]!.meanLogProb,
      confidence: scores[i]!.confidence,
      tokens: row.length + 1,
      forced: scores[i]!.forced,
    }));
  }
}

/** Ids of vocabulary pieces ("▁" marks a word start), leaving out those the vocabulary lacks. */
function knownTokens(tokenizer: Seq2Seq["tokenizer"], pieces: string[]): Set<number> {
  const ids = tokenizer.convert_tokens_to_ids(pieces);
  return new Set(
    ids.filter((id): id is number => typeof id === "number" && id !== tokenizer.unk_token_id),
  );
}

function describeLoadError(error: unknown, source: ModelSource): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ModelUnavailableError) return message;
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(message)) {
    return `The model ${source.id} is not installed and the model hub cannot be reached (${message}).`;
  }
  return `The model ${source.id} could not be loaded: ${message}`;
}

// One per process: route handlers and the queue share this instance. The
// server's engine runs the model in a worker process of its own (see
// lib/translation/worker/), so the web server never waits on it.
const globalForEngine = globalThis as unknown as { dwibahasaEngine?: TranslationEngine };

export function getEngine(): TranslationEngine {
  globalForEngine.dwibahasaEngine ??= createEngine();
  return globalForEngine.dwibahasaEngine;
}

/** MT_WORKER=0 runs the model in the web process itself (for debugging). */
function createEngine(): TranslationEngine {
  const source = resolveModelSource();
  if (process.env.MT_WORKER === "0") return new TransformersEngine(source, undefined, mtThreads());
  return new WorkerEngine(source);
}

/**
 * ONNX Runtime threads per model call (MT_THREADS). By default half the cores:
 * on two cores one thread translated as fast as two (`npm run bench:mt`,
 * knobs) and leaves the other core to the web server.
 */
export function mtThreads(): number {
  return numberSetting("MT_THREADS", Math.max(1, Math.floor(os.availableParallelism() / 2)));
}

/** For tests and tools that choose their own engine. */
export function setEngine(engine: TranslationEngine): void {
  globalForEngine.dwibahasaEngine = engine;
}
