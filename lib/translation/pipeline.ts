import type { ProgressInfo, TranslationPipeline } from "@huggingface/transformers";
import type { ModelSource } from "./models/source";

/**
 * Transformers.js's translation pipeline for a model source, from its folder
 * only: a hub model is downloaded first (models/download.ts, which the engine
 * calls), so the library never fetches or half-writes a file itself. The one
 * way the model is loaded, by the engine, the benchmarks' bare call and the tests.
 */
export async function loadTranslationPipeline(
  source: ModelSource,
  options: { threads?: number; onProgress?: (info: ProgressInfo) => void } = {},
): Promise<TranslationPipeline> {
  const { pipeline, env } = await import("@huggingface/transformers");
  env.localModelPath = source.localModelPath + "/";
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.cacheDir = source.localModelPath;
  return pipeline("translation", source.name, {
    dtype: source.dtype,
    progress_callback: options.onProgress,
    ...(options.threads
      ? { session_options: { intraOpNumThreads: options.threads, interOpNumThreads: 1 } }
      : {}),
  });
}
