/**
 * The step model of a Transformers.js encoder-decoder, run through its ONNX
 * sessions directly: the encoder once per batch of sentences, then the merged
 * decoder one token at a time with its cache of keys and values, reordered
 * row by row as the search moves hypotheses between beams.
 *
 * The decoder's inputs fall in two kinds. The self-attention past
 * (`past_key_values.N.decoder.*`) belongs to a hypothesis and follows it. The
 * encoder side (`encoder_hidden_states`, `encoder_attention_mask` and, in an
 * Optimum export, the cross-attention past `past_key_values.N.encoder.*`)
 * belongs to a sentence: it is copied only when the rows' sentences change,
 * not when hypotheses change places within a sentence.
 */
import type { StepLogits, StepModel } from "./beam";

/** What the step model needs of an ONNX Runtime tensor and session. */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: ArrayLike<number | bigint> & { subarray?: unknown };
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(
    feeds: Record<string, OrtTensor>,
    fetches?: readonly string[],
  ): Promise<Record<string, OrtTensor>>;
}

/** Makes an ONNX Runtime tensor (Transformers.js's `Tensor(...).ort_tensor`). */
export type MakeTensor = (
  type: string,
  data: ArrayLike<number | bigint>,
  dims: number[],
) => OrtTensor;

export interface Seq2SeqSessions {
  encoder: OrtSession;
  decoder: OrtSession;
  /** Self-attention heads and size per head of the decoder, for the empty past of the first step. */
  heads: number;
  headSize: number;
}

type TypedArray =
  Float32Array | BigInt64Array | Int32Array | Uint8Array | Float64Array | Uint16Array;
type TypedArrayConstructor = new (length: number) => TypedArray;

const isDecoderPast = (name: string) =>
  name.startsWith("past_key_values.") && name.includes(".decoder.");
const isEncoderPast = (name: string) =>
  name.startsWith("past_key_values.") && name.includes(".encoder.");
const presentOf = (past: string) => past.replace(/^past_key_values/, "present");

export class OnnxStepModel implements StepModel {
  /** The encoder side, one row per sentence. */
  private encoderSide: Record<string, OrtTensor> = {};
  /** The encoder side copied for the current rows, and the sentences it was copied for. */
  private encoderRows: Record<string, OrtTensor> = {};
  private encoderRowsFor: readonly number[] = [];
  /** The self-attention past, one row per hypothesis of the last step. */
  private past: Record<string, OrtTensor> = {};
  private readonly decoderPasts: string[];
  private readonly encoderPasts: string[];
  private readonly fetchLater: string[];

  private constructor(
    private readonly sessions: Seq2SeqSessions,
    private readonly tensor: MakeTensor,
    private readonly sentences: number,
    private readonly startTokens: readonly number[][],
  ) {
    const inputs = sessions.decoder.inputNames;
    this.decoderPasts = inputs.filter(isDecoderPast);
    this.encoderPasts = inputs.filter(isEncoderPast);
    // After the first step only the logits and the self-attention past change.
    this.fetchLater = ["logits", ...this.decoderPasts.map(presentOf)];
  }

  /**
   * Encodes a batch of tokenized sentences (`inputIds`/`attentionMask`: int64,
   * [sentences, length]). `startTokens` are each sentence's decoder prefix: the
   * start token, and for a multilingual model the target language's token.
   */
  static async encode(
    sessions: Seq2SeqSessions,
    tensor: MakeTensor,
    inputIds: OrtTensor,
    attentionMask: OrtTensor,
    startTokens: number[][],
  ): Promise<OnnxStepModel> {
    const model = new OnnxStepModel(sessions, tensor, inputIds.dims[0]!, startTokens);
    const feeds: Record<string, OrtTensor> = { input_ids: inputIds, attention_mask: attentionMask };
    const encoded = await sessions.encoder.run(pick(feeds, sessions.encoder.inputNames));
    model.encoderSide = {
      encoder_hidden_states: encoded.last_hidden_state!,
      encoder_attention_mask: attentionMask,
    };
    return model;
  }

  async start(): Promise<StepLogits> {
    const rows = this.sentences;
    const ids = BigInt64Array.from(this.startTokens, (tokens) => BigInt(tokens[0]!));
    const empty = (): OrtTensor =>
      this.tensor("float32", new Float32Array(0), [
        rows,
        this.sessions.heads,
        0,
        this.sessions.headSize,
      ]);
    const feeds: Record<string, OrtTensor> = {
      ...this.encoderSide,
      input_ids: this.tensor("int64", ids, [rows, 1]),
    };
    for (const name of [...this.decoderPasts, ...this.encoderPasts]) feeds[name] = empty();
    if (this.sessions.decoder.inputNames.includes("use_cache_branch")) {
      feeds.use_cache_branch = this.tensor("bool", new Uint8Array([0]), [1]);
    }
    const out = await this.sessions.decoder.run(pick(feeds, this.sessions.decoder.inputNames));
    // The cross-attention past is made once, from the encoder's output.
    for (const name of this.encoderPasts) this.encoderSide[name] = out[presentOf(name)]!;
    this.encoderRows = this.encoderSide;
    const every = Array.from({ length: rows }, (_, i) => i);
    this.encoderRowsFor = every;
    this.keepPast(out);
    let logits = lastLogits(out.logits!);
    // The rest of the prefix (a forced language token) one step each, as
    // Transformers.js's generate feeds it: given together, a quantized model's
    // activation scales would be taken over both positions and its scores differ.
    for (let j = 1; j < this.startTokens[0]!.length; j++) {
      logits = await this.next(
        every,
        this.startTokens.map((tokens) => tokens[j]!),
        every,
      );
    }
    return logits;
  }

  async next(
    parents: readonly number[],
    tokens: readonly number[],
    sentences: readonly number[],
  ): Promise<StepLogits> {
    const rows = parents.length;
    if (!sameRows(sentences, this.encoderRowsFor)) {
      this.encoderRows = Object.fromEntries(
        Object.entries(this.encoderSide).map(([name, t]) => [
          name,
          gatherRows(t, sentences, this.tensor),
        ]),
      );
      this.encoderRowsFor = [...sentences];
    }
    const feeds: Record<string, OrtTensor> = {
      ...this.encoderRows,
      input_ids: this.tensor(
        "int64",
        BigInt64Array.from(tokens, (t) => BigInt(t)),
        [rows, 1],
      ),
    };
    for (const name of this.decoderPasts)
      feeds[name] = reorderRows(this.past[name]!, parents, this.tensor);
    if (this.sessions.decoder.inputNames.includes("use_cache_branch")) {
      feeds.use_cache_branch = this.tensor("bool", new Uint8Array([1]), [1]);
    }
    const out = await this.sessions.decoder.run(
      pick(feeds, this.sessions.decoder.inputNames),
      this.fetchLater,
    );
    this.keepPast(out);
    return lastLogits(out.logits!);
  }

  private keepPast(out: Record<string, OrtTensor>): void {
    for (const name of this.decoderPasts) this.past[name] = out[presentOf(name)]!;
  }
}

function pick(
  feeds: Record<string, OrtTensor>,
  names: readonly string[],
): Record<string, OrtTensor> {
  const picked: Record<string, OrtTensor> = {};
  for (const name of names) {
    const tensor = feeds[name];
    if (!tensor) throw new Error(`The decoder needs an input the engine does not make: ${name}`);
    picked[name] = tensor;
  }
  return picked;
}

/** The logits of each row's last position ([rows, length, vocab] → rows × vocab). */
function lastLogits(logits: OrtTensor): StepLogits {
  const [rows, length, vocab] = logits.dims as [number, number, number];
  const data = logits.data as Float32Array;
  if (length === 1) return { data, vocab };
  const out = new Float32Array(rows * vocab);
  for (let r = 0; r < rows; r++) {
    const from = (r * length + length - 1) * vocab;
    out.set(data.subarray(from, from + vocab), r * vocab);
  }
  return { data: out, vocab };
}

function sameRows(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The self-attention past for the new rows. When the number of rows stays,
 * the rows are moved in place (the tensor is the last step's output and
 * nothing else holds it), and only those that changed are copied; otherwise
 * the rows are gathered into a new tensor.
 */
function reorderRows(tensor: OrtTensor, rows: readonly number[], make: MakeTensor): OrtTensor {
  const [count, ...rest] = tensor.dims;
  if (rows.length !== count) return gatherRows(tensor, rows, make);
  const stride = rest.reduce((a, b) => a * b, 1);
  const data = tensor.data as Float32Array;
  // Rows that are read from but also written to are kept aside first.
  const kept = new Map<number, Float32Array>();
  rows.forEach((from, to) => {
    if (from !== to && rows[from] !== from && !kept.has(from)) {
      kept.set(from, data.slice(from * stride, (from + 1) * stride));
    }
  });
  rows.forEach((from, to) => {
    if (from === to) return;
    data.set(kept.get(from) ?? data.subarray(from * stride, (from + 1) * stride), to * stride);
  });
  return tensor;
}

/** Rows of a tensor along its first axis, in the order given (the same tensor when that is every row in order). */
function gatherRows(tensor: OrtTensor, rows: readonly number[], make: MakeTensor): OrtTensor {
  const [count, ...rest] = tensor.dims;
  if (rows.length === count && rows.every((r, i) => r === i)) return tensor;
  const stride = rest.reduce((a, b) => a * b, 1);
  const source = tensor.data as TypedArray;
  const out = new (source.constructor as TypedArrayConstructor)(rows.length * stride);
  rows.forEach((r, i) =>
    out.set(source.subarray(r * stride, (r + 1) * stride) as never, i * stride),
  );
  return make(tensor.type, out, [rows.length, ...rest]);
}
