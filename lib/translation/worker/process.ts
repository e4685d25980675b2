// The translation worker: a child process that holds the model and answers
// the web process's requests (lib/translation/worker/client.ts). Started with
// the project's model settings in its environment.
import { ModelUnavailableError } from "../engine";
import { mtThreads, TransformersEngine } from "../transformers-engine";
import { resolveModelSource } from "../models/source";
import type { FromWorker, ToWorker } from "./protocol";

function send(message: FromWorker): void {
  process.send?.(message);
}

// Every status change goes to the web process: a first load's download reports its bytes.
const engine = new TransformersEngine(
  resolveModelSource(),
  (status) => send({ type: "status", status }),
  mtThreads(),
);

process.on("message", (message: ToWorker) => {
  if (message.type === "load") {
    send({ type: "status", status: engine.status() });
    void engine.ensureLoaded().then(() => send({ type: "status", status: engine.status() }));
    return;
  }
  void engine.translateBatch(message.requests).then(
    (results) => send({ type: "result", id: message.id, results }),
    (error: unknown) =>
      send({
        type: "failed",
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
        unavailable: error instanceof ModelUnavailableError,
      }),
  );
});

// The web process went away (stopped or killed): nothing is left to do.
process.on("disconnect", () => process.exit(0));
