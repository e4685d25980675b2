/**
 * Node.js flags for every process that holds the model: the app's own model
 * worker (client.ts forks it with them), `npm run worker` (package.json) and
 * the tests and benchmarks that start workers.
 *
 * `--single-threaded-gc`: decoding allocates megabytes of tensors per step,
 * and by default V8 collects that garbage on helper threads beside the main
 * one, so a worker with one ONNX thread kept about 1.4 cores busy. Two such
 * workers on two cores fought over the second core and together did only
 * 1.26 times the work of one; collected on the main thread, one worker keeps
 * one core busy and two do 1.98 times the work (`npm run bench:workers`, the
 * machine part). The app's web server keeps the other cores to itself.
 * The flag can only be given when the process starts.
 */
export const MODEL_PROCESS_FLAGS = ["--single-threaded-gc"] as const;

/** The flags a process was started with that it lacks (empty when it has them all). */
export function missingModelProcessFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return MODEL_PROCESS_FLAGS.filter((flag) => !execArgv.includes(flag));
}
