/**
 * What the engine must know of a model's architecture, in one place: how a
 * source sentence is marked with its language, which token a translation is
 * forced to begin with, and how long a translation may run. Nothing else in
 * the code knows an architecture; it asks for the profile.
 */

export type Architecture = "marian" | "m2m100" | "nllb";

export interface ModelProfile {
  architecture: Architecture;
  /**
   * The language codes the tokenizer is called with (`src_lang`/`tgt_lang`),
   * or null for a model that translates one language pair only (Marian).
   * Given codes, the source is prefixed with the source language's token and
   * the translation is forced to begin with the target language's token.
   */
  languages: { source: string; target: string } | null;
  /** Most tokens a translation may have per character of its source, before the slack below. */
  tokensPerSourceChar: number;
  /** Tokens allowed beyond that ratio (short sentences, a forced language token). */
  lengthSlack: number;
}

/** Indonesian to English, as each architecture names the two languages. */
const PROFILES: Record<Architecture, ModelProfile> = {
  marian: { architecture: "marian", languages: null, tokensPerSourceChar: 0.5, lengthSlack: 32 },
  // M2M100's and NLLB's vocabularies (128k and 256k pieces) split Indonesian
  // into fewer tokens than Marian's 54k; the ratio stays generous all the same,
  // since a cut translation is worse than a slow one.
  m2m100: {
    architecture: "m2m100",
    languages: { source: "id", target: "en" },
    tokensPerSourceChar: 0.5,
    lengthSlack: 32,
  },
  nllb: {
    architecture: "nllb",
    languages: { source: "ind_Latn", target: "eng_Latn" },
    tokensPerSourceChar: 0.5,
    lengthSlack: 32,
  },
};

export function profileOf(architecture: Architecture): ModelProfile {
  return PROFILES[architecture];
}

/**
 * The architecture of a model folder's files. NLLB calls itself `m2m_100` in
 * its config.json, so the tokenizer's class tells the two apart.
 */
export function architectureOf(
  config: { model_type?: string | null },
  tokenizerConfig: { tokenizer_class?: string | null },
): Architecture {
  const tokenizer = (tokenizerConfig.tokenizer_class ?? "").toLowerCase();
  if (tokenizer.startsWith("nllb")) return "nllb";
  if (tokenizer.startsWith("m2m100") || config.model_type === "m2m_100") return "m2m100";
  if (config.model_type === "marian" || tokenizer.startsWith("marian")) return "marian";
  throw new Error(
    `Unsupported model type "${config.model_type ?? "?"}" (tokenizer "${tokenizerConfig.tokenizer_class ?? "?"}"): Dwibahasa translates with Marian, M2M100 and NLLB models.`,
  );
}
