/**
 * Translation of a batch of sentences by beam search on a loaded
 * Transformers.js model: one plain search for every sentence, then, for the
 * sentences whose translation lacks a glossary rendering, a search
 * constrained to write it. A translation that already carries every rendering
 * is exactly what the model wrote by itself.
 */
import { LRUCache } from "lru-cache";
import {
  confidenceFromLogProb,
  decodingLabel,
  type SentenceRequest,
  type SentenceResult,
} from "../decode";
import { beamSearch, type SearchOptions, type SearchResult, type SearchSentence } from "./beam";
import { ConstraintTracker, mentionsOf, type ConstraintRendering } from "./constraints";
import type { LoopGuards } from "./guards";
import { words } from "../../text/words";
import { OnnxStepModel, type MakeTensor, type OrtTensor } from "./onnx-steps";
import type {
  M2M100Tokenizer,
  NllbTokenizer,
  TranslationPipeline,
} from "@huggingface/transformers";
import { architectureOf, profileOf, type ModelProfile } from "../models/profiles";

/** A tokenized batch as ONNX Runtime tensors (int64, [sentences, length]). */
interface EncodedSources {
  inputIds: OrtTensor;
  attentionMask: OrtTensor;
}

/** What Transformers.js's multilingual tokenizers are given; they set the forced first token. */
interface LanguageArguments {
  src_lang: string;
  tgt_lang: string;
  forced_bos_token_id?: number;
}

/** What the decoder uses of a loaded Transformers.js translation pipeline: its tokenizer and model. */
export type LoadedTranslator = Pick<TranslationPipeline, "tokenizer" | "model">;

/** The multilingual tokenizers (M2M100, NLLB): they mark the source with its language and name the forced first token. */
type LanguageTokenizer = M2M100Tokenizer | NllbTokenizer;

function takesLanguages(tokenizer: LoadedTranslator["tokenizer"]): tokenizer is LanguageTokenizer {
  return "_build_translation_inputs" in tokenizer;
}

/** The tokenizer's tensors as ONNX Runtime's (Transformers.js types them loosely). */
function ortTensors(inputs: {
  input_ids: { ort_tensor: unknown };
  attention_mask: { ort_tensor: unknown };
}): EncodedSources {
  return {
    inputIds: inputs.input_ids.ort_tensor as OrtTensor,
    attentionMask: inputs.attention_mask.ort_tensor as OrtTensor,
  };
}

/** The config fields the search reads (Transformers.js types only those all models share). */
interface ModelConfig {
  model_type?: string;
  eos_token_id?: number | number[];
  decoder_start_token_id?: number;
  forced_eos_token_id?: number | number[] | null;
  bad_words_ids?: number[][] | null;
  num_beams?: number;
  max_length?: number;
  d_model?: number;
  decoder_attention_heads?: number;
}

/** How the model's own generation config asks to decode, as the decoder reads it. */
export interface DecodingDefaults {
  beams: number;
  maxLength: number;
}

// Finished hypotheses are compared by their mean log-probability per token
// (as Transformers' beam search does by default for Marian).
const LENGTH_PENALTY = 1;
// Extra places in the beam for each rendering a constrained search must write,
// so that hypotheses at every stage of writing it keep a place.
const CONSTRAINT_BEAMS = 2;
const MIN_CONSTRAINED_BEAMS = 4;
const MAX_WORDINGS = 2000;
// A constrained translation may run this much longer than the plain one, plus its renderings and a few tokens.
const CONSTRAINED_LENGTH = 1.5;
const CONSTRAINED_SLACK = 8;

export class SearchDecoder {
  private readonly pieces: string[];
  private readonly options: Omit<SearchOptions, "beams" | "guards">;
  private readonly defaults: DecodingDefaults;
  private readonly profile: ModelProfile;

  constructor(
    private readonly translator: LoadedTranslator,
    private readonly makeTensor: MakeTensor,
  ) {
    const { model, tokenizer } = translator;
    this.profile = profileOf(architectureOf(model.config, tokenizer.config ?? {}));
    const config: ModelConfig = {
      ...(model.config as ModelConfig),
      ...((model as { generation_config?: Partial<ModelConfig> | null }).generation_config ?? {}),
    };
    const eos = toList(config.eos_token_id);
    const start = config.decoder_start_token_id ?? 0;
    this.options = {
      lengthPenalty: LENGTH_PENALTY,
      eos,
      banned: (config.bad_words_ids ?? []).filter((w) => w.length === 1).map((w) => w[0]!),
      prefix: [start],
      forcedEos: toList(config.forced_eos_token_id).length > 0,
    };
    this.defaults = {
      beams: Math.max(1, config.num_beams ?? 1),
      maxLength: config.max_length ?? 512,
    };
    const entries = [...tokenizer.get_vocab()];
    // Special tokens (language tokens among them) write no text.
    const special = new Set(tokenizer.all_special_ids ?? []);
    this.pieces = [];
    for (const [piece, id] of entries) {
      this.pieces[id] =
        special.has(id) || /^<.*>$/.test(piece) ? "" : piece.replace(/\u2581/g, " ");
    }
  }

  /** The model's architecture profile (language codes, forced first token, length). */
  get modelProfile(): ModelProfile {
    return this.profile;
  }

  /** The model's own decoding settings (its `generation_config`). */
  get modelDefaults(): DecodingDefaults {
    return this.defaults;
  }

  async translate(
    requests: readonly SentenceRequest[],
    guards: LoopGuards,
    beams: number,
  ): Promise<SentenceResult[]> {
    const plain = await this.search(
      requests.map((r) => r.source),
      requests.map((r) => ({ maxNewTokens: this.cap(r.source, 0) })),
      { ...this.options, beams, guards },
    );
    const results = plain.map((found) => this.result(found, [], beams));
    // The renderings each plain translation lacks, as constraints of a second search.
    const lacking = requests.flatMap((request, index) => {
      const renderings = this.renderings(request);
      if (renderings.length === 0) return [];
      const carried = new ConstraintTracker(renderings, this.piece).carries(results[index]!.text);
      const missing = renderings.filter((_, r) => !carried[r]);
      return missing.length > 0 ? [{ index, missing, renderings }] : [];
    });
    if (lacking.length === 0) return results;
    await this.addWordings(lacking, results, guards, beams);
    const constrained = lacking.map(({ index, missing, renderings }) => {
      const request = requests[index]!;
      const room = missing.reduce((n, r) => n + Math.max(...r.spellings.map((s) => s.length)), 0);
      const tracker = new ConstraintTracker(renderings, this.piece, request.source);
      const sentence: SearchSentence = {
        // Room for the renderings beyond the plain translation's length, within the usual cap.
        maxNewTokens: Math.min(
          this.cap(request.source, room),
          Math.ceil(results[index]!.tokens * CONSTRAINED_LENGTH) + room + CONSTRAINED_SLACK,
        ),
        // Every rendering, not only the missing ones: those the plain translation wrote must stay.
        constraints: tracker,
        beams: Math.max(beams, MIN_CONSTRAINED_BEAMS) + CONSTRAINT_BEAMS * missing.length,
      };
      return { index, sentence, tracker, missing: new Set(missing), renderings };
    });
    const found = await this.search(
      constrained.map((c) => requests[c.index]!.source),
      constrained.map((c) => c.sentence),
      { ...this.options, beams, guards },
    );
    constrained.forEach((c, k) => {
      const result = found[k];
      if (!result) return;
      const text = this.result(result, [], c.sentence.beams ?? beams, true);
      const carried = c.tracker.carries(text.text);
      // Renderings the plain translation lacked and this one writes.
      const forced = c.renderings
        .filter((r, i) => c.missing.has(r) && carried[i])
        .map((r) => r.text);
      // A search that could not write every rendering gives the translation
      // that wrote the most; it replaces the plain one only if it writes more
      // (the caller flags what is still missing).
      if (!result.complete) {
        const plainCarried = c.tracker.carries(results[c.index]!.text).filter(Boolean).length;
        if (carried.filter(Boolean).length <= plainCarried) return;
      }
      results[c.index] = { ...text, forced };
    });
    return results;
  }

  private readonly piece = (token: number): string => this.pieces[token] ?? "";

  /**
   * The model's own wording of each missing rendering's term: the term
   * translated alone, where the plain translation of the sentence has it. A
   * constrained search must not write it beside the rendering.
   */
  private async addWordings(
    lacking: { index: number; missing: ConstraintRendering[] }[],
    plain: SentenceResult[],
    guards: LoopGuards,
    beams: number,
  ): Promise<void> {
    // A term alone is worded as the sentence was searched: with its beams and guards.
    const key = (term: string) =>
      [beams, guards.no_repeat_ngram_size, guards.repetition_penalty, term].join("\u0000");
    const terms = [
      ...new Set(lacking.flatMap((l) => l.missing.flatMap((r) => (r.term ? [r.term] : [])))),
    ].filter((term) => !this.wordings.has(key(term)));
    if (terms.length > 0) {
      const found = await this.search(
        terms,
        terms.map((term) => ({ maxNewTokens: this.cap(term, 0) })),
        { ...this.options, beams, guards },
      );
      terms.forEach((term, k) =>
        this.wordings.set(key(term), this.result(found[k]!, [], beams).text),
      );
    }
    for (const { index, missing } of lacking) {
      const text = plain[index]!.text;
      for (const rendering of missing) {
        const alone = rendering.term ? this.wordings.get(key(rendering.term)) : undefined;
        const wording = alone ? sharedWording(alone, text) : null;
        if (wording && mentionsOf(rendering.text, wording) === 0) rendering.wordings = [wording];
      }
    }
  }

  /** Terms translated alone, by decoding and term (the least recently used are forgotten first). */
  private readonly wordings = new LRUCache<string, string>({ max: MAX_WORDINGS });

  /** The renderings a request asks for, with the spellings the vocabulary can write. */
  private renderings(request: SentenceRequest): ConstraintRendering[] {
    const { tokenizer } = this.translator;
    const unknown = tokenizer.unk_token_id ?? -1;
    return (request.steer ?? []).flatMap((target) => {
      const spellings = spellingsOf(target.text).flatMap((text) => {
        const ids = tokenizer.encode(text, { add_special_tokens: false });
        return ids.length > 0 && !ids.includes(unknown) ? [ids] : [];
      });
      return spellings.length > 0
        ? [
            {
              text: target.text,
              allowed: Math.max(1, target.count ?? 1),
              spellings,
              ...(target.term ? { term: target.term } : {}),
            },
          ]
        : [];
    });
  }

  /** Most tokens for a sentence: room for English running longer than the Indonesian, and for renderings. */
  private cap(source: string, room: number): number {
    const { tokensPerSourceChar, lengthSlack } = this.profile;
    const prefix = this.profile.languages ? 2 : 1;
    return Math.min(
      this.defaults.maxLength - prefix,
      Math.ceil(source.length * tokensPerSourceChar) + lengthSlack + room,
    );
  }

  /**
   * The sources as the model reads them, and the tokens every translation
   * begins with: the decoder's start token, then, for a multilingual model,
   * the target language's token (as Transformers.js's pipeline forces it).
   */
  private encode(sources: string[]): EncodedSources & { prefix: number[] } {
    const { tokenizer } = this.translator;
    const options = { padding: true, truncation: true };
    const start = this.options.prefix[0]!;
    const languages = this.profile.languages;
    if (!languages) return { ...ortTensors(tokenizer(sources, options)), prefix: [start] };
    if (!takesLanguages(tokenizer)) {
      throw new Error(`The ${this.profile.architecture} tokenizer takes no language codes.`);
    }
    const args: LanguageArguments = { src_lang: languages.source, tgt_lang: languages.target };
    const inputs = ortTensors(tokenizer._build_translation_inputs(sources, options, args));
    if (args.forced_bos_token_id === undefined) {
      throw new Error(`The tokenizer has no token for the language "${languages.target}".`);
    }
    return { ...inputs, prefix: [start, args.forced_bos_token_id] };
  }

  private async search(
    sources: string[],
    sentences: SearchSentence[],
    options: SearchOptions,
  ): Promise<(SearchResult | null)[]> {
    const { model } = this.translator;
    const { inputIds, attentionMask, prefix } = this.encode(sources);
    const config = model.config as ModelConfig;
    const heads = config.decoder_attention_heads ?? 8;
    const steps = await OnnxStepModel.encode(
      {
        encoder: model.sessions.model!,
        decoder: model.sessions.decoder_model_merged!,
        heads,
        headSize: (config.d_model ?? 512) / heads,
      },
      this.makeTensor,
      inputIds,
      attentionMask,
      sources.map(() => prefix),
    );
    return beamSearch(steps, sentences, { ...options, prefix });
  }

  private result(
    found: SearchResult | null,
    forced: string[],
    beams: number,
    constrained = false,
  ): SentenceResult {
    const decoding = decodingLabel(beams, constrained);
    if (!found) {
      return { text: "", meanLogProb: -Infinity, confidence: 0, tokens: 0, forced, decoding };
    }
    const [text] = this.translator.tokenizer.batch_decode([found.tokens], {
      skip_special_tokens: true,
    });
    const meanLogProb =
      found.logProbs.length > 0
        ? found.logProbs.reduce((a, b) => a + b, 0) / found.logProbs.length
        : -Infinity;
    return {
      text: (text ?? "").trim(),
      meanLogProb,
      confidence: confidenceFromLogProb(meanLogProb),
      tokens: found.tokens.length + 1,
      forced,
      decoding,
    };
  }
}

// Words too common to stand for a term by themselves.
const FUNCTION_WORDS = new Set([
  "the",
  "a",
  "an",
  "of",
  "in",
  "on",
  "at",
  "to",
  "and",
  "for",
  "with",
  "by",
  "from",
  "is",
  "was",
]);

/**
 * The model's wording of a term in a sentence: the longest run of words that
 * the term's translation alone and the sentence's translation share (a
 * translation alone may run on: "North Korea Korea" for "Korea Utara"), or
 * null when they share no word that could stand for a term.
 */
export function sharedWording(alone: string, sentence: string): string | null {
  const a = words(alone).map((w) => w.text);
  const b = words(sentence).map((w) => w.text);
  const fold = (w: string) => w.toLowerCase();
  let best: string[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (i + n < a.length && j + n < b.length && fold(a[i + n]!) === fold(b[j + n]!)) n++;
      if (n > best.length) best = b.slice(j, j + n);
    }
  }
  // Leading and trailing function words are not part of the wording.
  while (best.length > 0 && FUNCTION_WORDS.has(fold(best[0]!))) best.shift();
  while (best.length > 0 && FUNCTION_WORDS.has(fold(best[best.length - 1]!))) best.pop();
  return best.length > 0 ? best.join(" ") : null;
}

/** A rendering as written, capitalised, and without a leading "the" (both cases). */
export function spellingsOf(rendering: string): string[] {
  const base = rendering.trim();
  const bare = base.replace(/^the\s+/i, "");
  const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  return [...new Set([base, capitalise(base), bare, capitalise(bare)])].filter(Boolean);
}

function toList(value: number | number[] | null | undefined): number[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
