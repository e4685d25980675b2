// Imports content/ into the database. Run by `npm start`; safe to run again.
import path from "node:path";
import { getDb } from "../../lib/db/client";
import { addMissingTitles } from "../../lib/articles/titles";
import { importArticles } from "../../lib/content/import";
import { importGlossaryFile } from "../../lib/glossary/seed";
import { ensureSearchIndex } from "../../lib/search/index";

async function main(): Promise<void> {
  const started = performance.now();
  const db = getDb();
  const report = await importArticles(db, path.resolve("content"));
  const ms = Math.round(performance.now() - started);
  console.log(
    `content: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged` +
      (report.failed.length ? `, ${report.failed.length} failed` : "") +
      ` (${ms} ms)`,
  );
  for (const f of report.failed) console.error(`  ${f.file}: ${f.error}`);
  const glossary = await importGlossaryFile(db, path.resolve("content/glossary.csv"));
  if (glossary) {
    console.log(
      `glossary: ${glossary.created} created, ${glossary.updated} updated, ${glossary.unchanged} unchanged, ${glossary.keptUserEdits} kept as edited in the app` +
        (glossary.rejected.length ? `, ${glossary.rejected.length} rejected` : ""),
    );
    for (const r of glossary.rejected)
      console.error(`  content/glossary.csv row ${r.row}: ${r.reason}`);
  }
  // A library from before titles were translated: each article's title becomes a
  // segment, which the background translation then translates.
  const titles = await addMissingTitles(db);
  if (titles > 0) console.log(`titles: ${titles} added for translation`);
  // Writes index themselves; this fills the index of a database older than it.
  if (await ensureSearchIndex(db)) console.log("search index: rebuilt");
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
