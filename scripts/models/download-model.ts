// `npm run model:download`: fetches the translation model (MT_MODEL, default
// Xenova/opus-mt-id-en) into models/ so that the app works offline afterwards.
import path from "node:path";
import { env, pipeline, type ProgressInfo } from "@huggingface/transformers";
import { DEFAULT_MODEL_ID, MODELS_DIR } from "../lib/translation/models/source";

const modelId = process.env.MT_MODEL ?? DEFAULT_MODEL_ID;
const dtype = process.env.MT_DTYPE === "fp32" ? "fp32" : "q8";
const target = path.resolve(process.env.MT_MODELS_DIR ?? MODELS_DIR);

function bar(fraction: number): string {
  const width = 30;
  const filled = Math.round(fraction * width);
  return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
}

async function main(): Promise<void> {
  env.allowRemoteModels = true;
  env.allowLocalModels = true;
  env.localModelPath = target + "/";
  env.cacheDir = target;
  env.useFSCache = true;
  console.log(
    `Downloading ${modelId} (${dtype}) into ${path.relative(process.cwd(), target) || "."}/${modelId}`,
  );
  const onProgress = (info: ProgressInfo) => {
    if (info.status === "progress_total") {
      const mb = (n: number) => (n / 1e6).toFixed(1);
      process.stdout.write(
        `\r${bar(info.progress / 100)} ${info.progress.toFixed(0).padStart(3)}%  ${mb(info.loaded)} / ${mb(info.total)} MB   `,
      );
    } else if (info.status === "done") {
      process.stdout.write(`\n  ✔ ${info.file}\n`);
    }
  };
  const translator = await pipeline("translation", modelId, {
    dtype,
    progress_callback: onProgress,
  });
  const [check] = (await translator("Presiden bertemu dengan menteri.")) as {
    translation_text: string;
  }[];
  console.log(
    `\nModel ready. Test sentence: "Presiden bertemu dengan menteri." → "${check?.translation_text ?? ""}"`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\nThe model could not be downloaded: ${message}`);
  console.error(
    "This needs a connection to huggingface.co. On an offline machine, copy the folder",
  );
  console.error(
    `${path.relative(process.cwd(), target) || "."}/${modelId} from a machine where this command worked.`,
  );
  process.exit(1);
});
