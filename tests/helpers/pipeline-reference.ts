/**
 * What Transformers.js's own translation pipeline writes, as the model call of
 * the app's sentence handling (loop guards, degenerate check and retry): the
 * reference the app's stored translations are compared with.
 */
import type { Db } from "@/lib/db/client";
import { translateWithGlossary } from "@/lib/glossary/translate";
import { GUARDS, type SentenceRequest, type SentenceResult } from "@/lib/translation/decode";
import { profileOf, architectureOf } from "@/lib/translation/models/profiles";
import { resolveModelSource } from "@/lib/translation/models/source";
import { loadTranslationPipeline } from "@/lib/translation/pipeline";

type Translator = ((
  text: string,
  options: Record<string, unknown>,
) => Promise<{ translation_text: string }[]>) & {
  model: { config: { model_type?: string } };
  tokenizer: { config?: { tokenizer_class?: string } };
};

/** A model call that asks the pipeline, one sentence at a time, with the engine's guards and length cap. */
export async function pipelineModelCall(
  model: string,
): Promise<(requests: SentenceRequest[]) => Promise<SentenceResult[]>> {
  const translator = (await loadTranslationPipeline(resolveModelSource(model))) as Translator;
  const profile = profileOf(
    architectureOf(translator.model.config, translator.tokenizer.config ?? {}),
  );
  return async (requests) => {
    const results: SentenceResult[] = [];
    for (const request of requests) {
      const cap =
        Math.ceil(request.source.length * profile.tokensPerSourceChar) + profile.lengthSlack;
      const [out] = await translator(request.source, {
        ...(profile.languages
          ? { src_lang: profile.languages.source, tgt_lang: profile.languages.target }
          : {}),
        ...GUARDS[request.guard ?? "normal"],
        // The forced language token is one of the pipeline's new tokens.
        max_new_tokens: cap + (profile.languages ? 1 : 0),
      });
      results.push({
        text: (out?.translation_text ?? "").trim(),
        meanLogProb: 0,
        confidence: 1,
        tokens: 0,
        forced: [],
        decoding: "greedy",
      });
    }
    return results;
  };
}

/** The translations the app should store for these sentences, by the pipeline. */
export async function pipelineTranslations(
  db: Db,
  model: string,
  sentences: string[],
): Promise<string[]> {
  const call = await pipelineModelCall(model);
  return (await translateWithGlossary(db, sentences, call)).map((t) => t.text);
}
