// A Marian decoder returns, at every step, the encoder's keys and values
// beside the step's own. After the first step they never change (the merged
// decoder of an Optimum export, opus-mt-id-en's and the stand-in's, passes the
// inputs through on its cached branch), and Transformers.js keeps the first
// ones anyway. Fetched, they are copied out of ONNX Runtime at every step:
// about 40% of a step's output bytes, for nothing, and garbage to collect (a
// full collection of the heap each time such buffers add up).

interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>, ...rest: unknown[]): Promise<Record<string, unknown>>;
}

const isEncoderOutput = (name: string) => name.startsWith("present") && name.includes(".encoder.");

/** The past input a present output repeats: present.0.encoder.key → past_key_values.0.encoder.key. */
const pastOf = (name: string) => name.replace(/^present/, "past_key_values");

/** A step after the first: the cached branch is taken, or the encoder's past is not empty. */
function laterStep(feeds: Record<string, unknown>, encoderPast: string): boolean {
  const branch = feeds.use_cache_branch as { data?: ArrayLike<unknown> } | undefined;
  if (branch) return Boolean(branch.data?.[0]);
  const past = feeds[encoderPast] as { dims?: readonly number[] } | undefined;
  return (past?.dims?.[2] ?? 0) > 0;
}

/**
 * Makes the session leave the encoder's keys and values out of every step
 * after the first and hand back the tensors that were passed in under their
 * names. A session without such outputs is left as it is.
 */
export function fetchOnlyChangingOutputs(session: OrtSession | undefined): void {
  if (!session) return;
  const all = session.outputNames;
  const changing = all.filter((name) => !isEncoderOutput(name));
  const encoder = all.filter(isEncoderOutput);
  if (encoder.length === 0 || !encoder.every((name) => session.inputNames.includes(pastOf(name))))
    return;
  const run = session.run.bind(session);
  session.run = async (feeds, ...rest) => {
    const cached = laterStep(feeds, pastOf(encoder[0]!));
    // Only the plain call (feeds, or feeds and options) is narrowed.
    const plain = rest.length === 0 || (rest.length === 1 && !Array.isArray(rest[0]));
    if (!cached || !plain || !encoder.every((name) => pastOf(name) in feeds))
      return run(feeds, ...rest);
    const outputs = await run(feeds, changing, ...rest);
    for (const name of all) if (!(name in outputs)) outputs[name] = feeds[pastOf(name)];
    return outputs;
  };
}
