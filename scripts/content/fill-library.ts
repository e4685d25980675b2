// Fills the database named by DATABASE_URL (migrated) with a large library:
// `tsx scripts/content/fill-library.ts --articles 5000 --entries 10000`. For the speed
// bench and the end-to-end paging test. Articles get three sentences each and
// dates spread over the years before the seed articles; glossary entries use
// made-up words that occur in no article. Written with bulk inserts, then the
// search index is rebuilt once.
import { sourceKey } from "../../lib/memory/source-key";
import { getDb } from "../../lib/db/client";
import { patternKey } from "../../lib/glossary/matcher";
import { rebuildSearchIndex } from "../../lib/search/index";

const CHUNK = 500;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number`);
  return value;
}

/** A made-up word from a number: letters no Indonesian article has together. */
function nonsense(n: number): string {
  const letters = "qxzvjw";
  let word = "";
  do {
    word += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  } while (n > 0);
  return `Qz${word}`;
}

async function main(): Promise<void> {
  const articles = option("articles", 0);
  const entries = option("entries", 0);
  const db = getDb();
  const started = performance.now();
  const day = 24 * 3600 * 1000;
  const base = Date.UTC(2015, 0, 1);
  for (let from = 0; from < articles; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, articles - from) }, (_, k) => {
      const i = from + k;
      return {
        slug: `arsip-${String(i).padStart(6, "0")}`,
        title: `Arsip berita nomor ${i}`,
        source: ["Antara", "Kompas", "Tempo", "Detik"][i % 4]!,
        publishedAt: new Date(base + (i % 3000) * day),
        contentHash: `fill-${i}`,
        origin: "file",
      };
    });
    await db.$transaction(async (tx) => {
      await tx.article.createMany({ data: rows });
      const ids = await tx.article.findMany({
        where: { slug: { in: rows.map((r) => r.slug) } },
        select: { id: true, slug: true },
      });
      await tx.segment.createMany({
        data: ids.flatMap(({ id, slug }) =>
          [
            `Pemerintah mengumumkan kebijakan baru untuk ${slug}.`,
            "Warga menyambut keputusan itu dengan hati-hati.",
            `Laporan lengkap ${slug} terbit pekan depan.`,
          ].map((source, position) => ({
            articleId: id,
            paragraphIndex: position === 2 ? 1 : 0,
            index: position === 2 ? 0 : position,
            position,
            source,
            sourceKey: sourceKey(source),
          })),
        ),
      });
    });
  }
  for (let from = 0; from < entries; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, entries - from) }, (_, k) => {
      const term = `${nonsense(from + k)} Raya`;
      return {
        term,
        termKey: patternKey(term),
        translation: `Greater ${nonsense(from + k)}`,
        category: "organization" as const,
      };
    });
    await db.$transaction(async (tx) => {
      await tx.glossaryEntry.createMany({ data: rows });
      const ids = await tx.glossaryEntry.findMany({
        where: { termKey: { in: rows.map((r) => r.termKey) } },
        select: { id: true, term: true, termKey: true },
      });
      await tx.glossaryForm.createMany({
        data: ids.map((e) => ({ entryId: e.id, text: e.term, key: e.termKey, isTerm: true })),
      });
    });
  }
  await rebuildSearchIndex(db);
  const ms = Math.round(performance.now() - started);
  console.log(`filled: ${articles} articles, ${entries} glossary entries (${ms} ms)`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
