// `npm run worker`: a translation worker for a team on PostgreSQL. Run any
// number, on any machine that has the model and DATABASE_URL: each takes
// article jobs from the database's queue, translates them with its own copy of
// the model, and stores every sentence as it comes. It loads MT_MODEL's model at
// start, and another installed model when a job names it (an editor's retranslation)
// or an admin chose it as the default.
import { installSharedBus } from "../lib/cache/postgres-bus";
import { getDb } from "../lib/db/client";
import { databaseUrl } from "../lib/db/url";
import { mtThreads, TransformersEngine } from "../lib/translation/transformers-engine";
import { TeamTranslation } from "../lib/translation/jobs/team";
import { configuredModelId, resolveModelSource } from "../lib/translation/models/source";
import { defaultModelId } from "../lib/translation/models/choice";
import { TranslationQueue } from "../lib/translation/queue";
import { missingModelProcessFlags } from "../lib/translation/worker/node-flags";
import { queueOptions, teamMode } from "../lib/translation/service";

async function main(): Promise<void> {
  if (!teamMode()) {
    console.error(
      "A translation worker needs the team's PostgreSQL database: set DATABASE_URL=postgresql://… (on SQLite the app translates by itself).",
    );
    process.exit(1);
  }
  const missing = missingModelProcessFlags();
  if (missing.length > 0)
    console.warn(
      `⚠ Started without ${missing.join(" ")}: this worker will keep more than one core busy per ONNX thread. Start it with npm run worker.`,
    );
  const engine = new TransformersEngine(
    resolveModelSource(configuredModelId()),
    undefined,
    mtThreads(),
  );
  console.log(`▶ Loading ${engine.modelId}…`);
  if (!(await engine.ensureLoaded())) {
    const status = engine.status();
    console.error(`✖ ${status.error ?? "The model is not available."}`);
    if (status.hint) console.error(`  ${status.hint}`);
    process.exit(1);
  }
  const db = getDb();
  // The app servers' caches hear about the sentences this worker stores.
  installSharedBus();
  const team = new TeamTranslation(db, databaseUrl());
  const queues = new Map([[engine.modelId, new TranslationQueue(db, engine, queueOptions())]]);
  const queueFor = (modelId: string) => {
    let queue = queues.get(modelId);
    if (!queue) {
      const other = new TransformersEngine(resolveModelSource(modelId), undefined, mtThreads());
      queue = new TranslationQueue(db, other, queueOptions());
      queues.set(modelId, queue);
    }
    return queue;
  };
  await team.work(async (model) => queueFor(model ?? (await defaultModelId(db))));
  console.log(`▶ Translation worker ${process.pid} is taking jobs.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n▶ ${signal}: finishing the sentence in hand, then stopping.`);
    await team.stop().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
