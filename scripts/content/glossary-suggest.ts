// `npm run glossary:suggest`: candidate glossary entries mined from the library
// (acronyms, recurring names, recurring phrases), ranked, minus the glossary and
// dismissed suggestions. The same list as the glossary page's Suggestions tab.
import { getDb } from "../../lib/db/client";
import { glossarySuggestions } from "../../lib/glossary/suggestions";

async function main(): Promise<void> {
  const db = getDb();
  const limit = Number(process.argv[2] ?? 40);
  const suggestions = await glossarySuggestions(
    db,
    Number.isSafeInteger(limit) && limit > 0 ? limit : 40,
  );
  if (suggestions.length === 0)
    console.log("No suggestions: the glossary covers the recurring terms.");
  const width = Math.max(10, ...suggestions.map((s) => s.text.length));
  console.log(`${"term".padEnd(width)}  kind     articles  occurrences`);
  for (const s of suggestions) {
    console.log(
      `${s.text.padEnd(width)}  ${s.kind.padEnd(7)}  ${String(s.articleCount).padStart(8)}  ${String(s.occurrenceCount).padStart(11)}`,
    );
  }
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
