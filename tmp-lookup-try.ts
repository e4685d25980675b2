import fs from "node:fs";
import { lookupWord } from "./lib/lookup/dictionary";
const seg = new Intl.Segmenter("id", { granularity: "word" });
const seen = new Set<string>();
const rows: string[] = [];
for (const f of fs.readdirSync("content").filter(f=>f.endsWith(".md")).sort()) {
  const body = fs.readFileSync("content/"+f,"utf8").split("---").slice(2).join("---");
  for (const s of seg.segment(body)) { if (!s.isWordLike) continue; const w=s.segment.toLowerCase(); if (seen.has(w)) continue; seen.add(w);
    const r = lookupWord(w); if (r.matchedForm && r.matchedForm!==w) rows.push(`${w} -> ${r.root} [${r.matchedForm}] ${r.senses.slice(0,3).map(x=>x.gloss).join("; ")}`); }
}
console.log(rows.length); console.log(rows.join("\n"));
