import type { SentenceRequest, SentenceResult } from "../decode";
import type { ModelStatus } from "../engine";

// Messages between the web process and its translation worker (plain data over IPC).

export type ToWorker =
  { type: "load" } | { type: "translate"; id: number; requests: SentenceRequest[] };

export type FromWorker =
  | { type: "status"; status: ModelStatus }
  | { type: "result"; id: number; results: SentenceResult[] }
  | { type: "failed"; id: number; message: string; unavailable: boolean };
