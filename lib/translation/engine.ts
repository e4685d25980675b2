/**
 * What the app needs from a translation engine, and how an engine reports its
 * model. The engines themselves: transformers-engine.ts (in this process) and
 * worker/client.ts (in a worker process); engines.ts holds the process's own.
 */
import type { SentenceRequest, SentenceResult } from "./decode";

export type ModelState = "idle" | "loading" | "ready" | "unavailable";

export interface ModelStatus {
  id: string;
  state: ModelState;
  /** Why the model is unavailable, and how to install it. */
  error?: string;
  hint?: string;
  install?: { command: string | null; folder: string };
  /**
   * While the state is "loading": the model's first download, in bytes of all
   * its files. When "unavailable": where a failed download stopped (the next
   * try resumes it).
   */
  download?: { loaded: number; total: number; file: string };
}

/** The whole of what the app needs from a translation model. */
export interface TranslationEngine {
  readonly modelId: string;
  /** The model's revision (hub commit, or a fingerprint of a local folder's files); null until known. */
  readonly modelRevision: string | null;
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
