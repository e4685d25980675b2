// Checks the stand-in written by scripts/models/build-opus-shaped-model.py: loads it the
// way lib/translation/engine.ts does and prints, per row of one batch of
// different-length sentences, the source tokens and the generated length, which
// must be ceil(1.1 x source tokens) (</s> included). Exits 1 on a mismatch.
//   node scripts/models/check-opus-shaped-model.mjs [q8|fp32 ...]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pipeline, env } from "@huggingface/transformers";

const repo = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
env.localModelPath = path.join(repo, "models") + "/";
env.allowRemoteModels = false;

const texts = [
  "Presiden tiba di Jakarta.",
  "Pemerintah mengumumkan rencana baru untuk memperbaiki jalan di seluruh provinsi pada tahun depan.",
  "Harga beras naik lagi.",
  "Menteri luar negeri bertemu dengan duta besar dari beberapa negara tetangga untuk membahas kerja sama ekonomi, keamanan di perbatasan, dan bantuan kemanusiaan bagi korban banjir yang melanda wilayah itu minggu lalu.",
];

let failed = false;
for (const dtype of process.argv.slice(2).length ? process.argv.slice(2) : ["q8", "fp32"]) {
  const t0 = performance.now();
  const translator = await pipeline("translation", "bench-opus-shaped", { dtype });
  const loadMs = performance.now() - t0;
  const eos = translator.model.config.eos_token_id;
  const enc = translator.tokenizer(texts, { padding: true, truncation: true });
  const t1 = performance.now();
  const out = await translator.model.generate({ ...enc, max_new_tokens: 512 });
  const genMs = performance.now() - t1;
  const rows = out.tolist();
  const mask = enc.attention_mask.tolist();
  console.log(
    `${dtype}: loaded in ${loadMs.toFixed(0)} ms, batch of ${texts.length} generated in ${genMs.toFixed(0)} ms`,
  );
  rows.forEach((row, i) => {
    const src = mask[i].reduce((a, b) => a + Number(b), 0);
    const ids = row.slice(1).map(Number);
    const generated = ids.indexOf(eos) + 1 || ids.length;
    const expected = Math.ceil((src * 11) / 10);
    const ok = generated === expected;
    failed ||= !ok;
    console.log(
      `  row ${i}: ${src} source tokens, ${generated} generated (expected ${expected}) ${ok ? "ok" : "MISMATCH"}`,
    );
  });
  const translated = await translator(texts.slice(0, 2));
  console.log(
    `  pipeline call: ${translated.length} translations, first ${translated[0].translation_text.length} chars`,
  );
  await translator.dispose();
}
process.exit(failed ? 1 : 0);
