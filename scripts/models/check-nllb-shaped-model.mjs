// Checks the stand-in written by scripts/models/build-nllb-shaped-model.py: loads it
// through the Transformers.js translation pipeline with NLLB's language codes and
// prints the load time, the time of one translation call and of one batch, the
// source token counts (tokens per word, as the speed of a real model depends on
// them, for these sentences and for the seed articles' sentences in
// content/references/seed-articles.jsonl) and, per row, the generated length, which must be ceil(1.1 x source tokens)
// (</s> and the forced eng_Latn included). Exits 1 on a mismatch.
//   node scripts/models/check-nllb-shaped-model.mjs [q8] [--model <folder under models/>]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pipeline, env } from "@huggingface/transformers";

const repo = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
env.localModelPath = path.join(repo, "models") + "/";
env.allowRemoteModels = false;

const LANGS = { src_lang: "ind_Latn", tgt_lang: "eng_Latn" };
const texts = [
  "Presiden tiba di Jakarta.",
  "Pemerintah mengumumkan rencana baru untuk memperbaiki jalan di seluruh provinsi pada tahun depan.",
  "Harga beras naik lagi.",
  "Menteri luar negeri bertemu dengan duta besar dari beberapa negara tetangga untuk membahas kerja sama ekonomi, keamanan di perbatasan, dan bantuan kemanusiaan bagi korban banjir yang melanda wilayah itu minggu lalu.",
];

const args = process.argv.slice(2);
const at = args.indexOf("--model");
const name = at >= 0 ? args.splice(at, 2)[1] : "bench-nllb-shaped";

let failed = false;
for (const dtype of args.length ? args : ["q8"]) {
  const t0 = performance.now();
  const translator = await pipeline("translation", name, { dtype });
  const loadMs = performance.now() - t0;
  const { tokenizer, model } = translator;
  const eos = model.config.eos_token_id;

  // The pipeline's own preparation: the source gets ind_Latn in front and the
  // generation options get forced_bos_token_id = eng_Latn.
  const options = { ...LANGS };
  const enc = tokenizer._build_translation_inputs(
    texts,
    { padding: true, truncation: true },
    options,
  );
  const ids = enc.input_ids.tolist().map((row) => row.map(Number));
  const mask = enc.attention_mask.tolist().map((row) => row.map(Number));
  const words = texts.map((t) => t.split(/\s+/).length);
  const tokens = mask.map((row) => row.reduce((a, b) => a + b, 0));
  const content = tokens.map((n) => n - 2); // without ind_Latn and </s>
  console.log(
    `${dtype}: loaded in ${loadMs.toFixed(0)} ms; source starts with ${tokenizer.decode([ids[0][0]])} ` +
      `(${ids[0][0]}), forced_bos_token_id ${options.forced_bos_token_id}`,
  );
  const totalWords = words.reduce((a, b) => a + b, 0);
  const totalTokens = content.reduce((a, b) => a + b, 0);
  console.log(
    `  source: ${totalWords} words, ${totalTokens} tokens (${(totalTokens / totalWords).toFixed(2)} per word, ` +
      `language token and </s> not counted)`,
  );

  const seed = fs
    .readFileSync(path.join(repo, "content", "references", "seed-articles.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).source);
  const seedMask = tokenizer
    ._build_translation_inputs(seed, { padding: true, truncation: true }, { ...LANGS })
    .attention_mask.tolist();
  const seedTokens = seedMask.reduce((a, row) => a + row.reduce((x, y) => x + Number(y), 0) - 2, 0);
  const seedWords = seed.reduce((a, t) => a + t.split(/\s+/).length, 0);
  console.log(
    `  seed articles: ${seed.length} sentences, ${seedWords} words, ${seedTokens} tokens ` +
      `(${(seedTokens / seedWords).toFixed(2)} per word, ${(seedTokens / seed.length).toFixed(1)} per sentence)`,
  );

  const t1 = performance.now();
  const one = await translator(texts[1], LANGS);
  const oneMs = performance.now() - t1;
  console.log(
    `  one sentence (${tokens[1]} source tokens): ${oneMs.toFixed(0)} ms, ` +
      `${one[0].translation_text.length} characters out`,
  );

  const t2 = performance.now();
  const out = await model.generate({ ...enc, ...options, max_new_tokens: 512 });
  const batchMs = performance.now() - t2;
  const rows = out.tolist();
  const generatedTotal = rows.reduce((a, row) => a + row.length - 1, 0);
  console.log(
    `  batch of ${texts.length}: ${batchMs.toFixed(0)} ms for ${generatedTotal} generated positions`,
  );
  rows.forEach((row, i) => {
    const generated = row.slice(1).map(Number);
    const length = generated.indexOf(eos) + 1 || generated.length;
    const expected = Math.ceil((tokens[i] * 11) / 10);
    const ok = length === expected && generated[0] === options.forced_bos_token_id;
    failed ||= !ok;
    console.log(
      `  row ${i}: ${words[i]} words, ${tokens[i]} source tokens, ${length} generated ` +
        `(expected ${expected}) ${ok ? "ok" : "MISMATCH"}`,
    );
  });
  await translator.dispose();
}
process.exit(failed ? 1 : 0);
