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

// One collator for every sort: localeCompare with a locale builds one per call,
// which dominates sorting a large glossary.
const collator = new Intl.Collator("id");

/** Entries per glossary page. */
export const GLOSSARY_PAGE_SIZE = 100;

export interface GlossaryPage {
  entries: GlossaryEntryView[];
  /** Entries that match the query, over all pages. */
  total: number;
  /** 1-based, clamped to the last page. */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** One page of the glossary list (GLOSSARY_PAGE_SIZE entries), in the query's order. */
export async function listEntriesPage(
  db: Db,
  query: GlossaryQuery = {},
  requested = 1,
): Promise<GlossaryPage> {
  const all = await listEntries(db, query);
  const pageCount = Math.max(1, Math.ceil(all.length / GLOSSARY_PAGE_SIZE));
  const page = Math.min(Math.max(1, requested), pageCount);
  const start = (page - 1) * GLOSSARY_PAGE_SIZE;
  return {
    entries: all.slice(start, start + GLOSSARY_PAGE_SIZE),
    total: all.length,
    page,
    pageCount,
    pageSize: GLOSSARY_PAGE_SIZE,
  };
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
  const byName = (a: GlossaryEntryView, b: GlossaryEntryView) => collator.compare(a.term, b.term);
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
