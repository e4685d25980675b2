import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { foldForSearch } from "../text/fold";
import { loadGlossary } from "./cache";
import type { GlossaryEntryView } from "./records";
import type { GlossaryCategory } from "./types";
import { usage } from "./usage";

export interface GlossaryQuery {
  q?: string;
  category?: GlossaryCategory;
  sort?: "name" | "frequency";
}

export async function listEntries(db: Db, query: GlossaryQuery = {}): Promise<GlossaryEntryView[]> {
  const [glossary, counts] = await Promise.all([loadGlossary(db), usage(db)]);
  const needle = query.q ? foldForSearch(query.q.trim()) : "";
  const views = glossary.entries
    .filter((e) => !query.category || e.category === query.category)
    .filter(
      (e) =>
        !needle ||
        [e.term, e.translation, ...e.aliases].some((text) => foldForSearch(text).includes(needle)),
    )
    .map((e) => ({
      ...e,
      articleCount: counts.get(e.id)?.articles.size ?? 0,
      occurrenceCount: counts.get(e.id)?.occurrences ?? 0,
    }));
  const byName = (a: GlossaryEntryView, b: GlossaryEntryView) => a.term.localeCompare(b.term, "id");
  views.sort(
    query.sort === "frequency"
      ? (a, b) =>
          b.occurrenceCount - a.occurrenceCount || b.articleCount - a.articleCount || byName(a, b)
      : byName,
  );
  return views;
}

export async function getEntry(db: Db, id: number): Promise<GlossaryEntryView> {
  const entry = (await loadGlossary(db)).byId.get(id);
  if (!entry) throw new NotFoundError(`No glossary entry with id ${id}.`);
  const u = (await usage(db)).get(id);
  return { ...entry, articleCount: u?.articles.size ?? 0, occurrenceCount: u?.occurrences ?? 0 };
}
