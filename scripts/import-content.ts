// Imports content/ into the database. Run by `npm start`; safe to run again.
import path from "node:path";
import { getDb } from "../lib/db/client";
import { importArticles } from "../lib/content/import";

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
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
