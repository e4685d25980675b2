import type { Db, Tx } from "../db/client";
import { foldForSearch } from "../text/fold";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import {
  buildEnglishMatcher,
  buildMatcher,
  patternKey,
  sourcePatterns,
  targetPatterns,
  type GlossaryMatcher,
} from "./matcher";
import type { GlossaryCategory, GlossaryEntryInput } from "./types";
import { missingRenderings, termsIn } from "./renderings";
import { indexGlossaryEntry, removeGlossaryEntry } from "../search/index";

export interface GlossaryEntryRecord {
  id: number;
  term: string;
  translation: string;
  aliases: string[];
  category: GlossaryCategory;
  note: string;
  origin: "seed" | "user";
  createdAt: string;
  updatedAt: string;
}

export interface GlossaryEntryView extends GlossaryEntryRecord {
  articleCount: number;
  occurrenceCount: number;
}

/** Everything the app needs to find terms: loaded once, rebuilt after any glossary write. */
export interface LoadedGlossary {
  entries: GlossaryEntryRecord[];
  byId: Map<number, GlossaryEntryRecord>;
  source: GlossaryMatcher<number>;
  english: GlossaryMatcher<number>;
}

// On globalThis: Next.js bundles pages and route handlers separately, and a
// write through the API must reach the cache the pages read.
const caches = ((
  globalThis as unknown as { dwibahasaGlossary?: GlossaryCaches }
).dwibahasaGlossary ??= {
  loaded: new WeakMap(),
  usage: new WeakMap(),
});
interface GlossaryCaches {
  loaded: WeakMap<Db, Promise<LoadedGlossary>>;
  usage: WeakMap<
    Db,
    { key: string; usage: Map<number, { articles: Set<number>; occurrences: number }> }
  >;
}
const loaded = caches.loaded;
const usageCache = caches.usage;

function invalidate(db: Db): void {
  loaded.delete(db);
  usageCache.delete(db);
}

interface EntryRow {
  id: number;
  term: string;
  translation: string;
  category: string;
  note: string;
  origin: string;
  createdAt: Date;
  updatedAt: Date;
  forms: { text: string; isTerm: boolean; id: number }[];
}

function toRecord(row: EntryRow): GlossaryEntryRecord {
  return {
    id: row.id,
    term: row.term,
    translation: row.translation,
    aliases: row.forms
      .filter((f) => !f.isTerm)
      .sort((a, b) => a.id - b.id)
      .map((f) => f.text),
    category: row.category as GlossaryCategory,
    note: row.note,
    origin: row.origin as "seed" | "user",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const entryInclude = { forms: { select: { id: true, text: true, isTerm: true } } } as const;

export function loadGlossary(db: Db): Promise<LoadedGlossary> {
  let promise = loaded.get(db);
  if (!promise) {
    promise = (async () => {
      const rows = await db.glossaryEntry.findMany({
        where: { deletedAt: null },
        include: entryInclude,
        orderBy: { id: "asc" },
      });
      const entries = rows.map(toRecord);
      return {
        entries,
        byId: new Map(entries.map((e) => [e.id, e])),
        source: buildMatcher(sourcePatterns(entries)),
        english: buildEnglishMatcher(targetPatterns(entries)),
      };
    })();
    promise.catch(() => loaded.delete(db));
    loaded.set(db, promise);
  }
  return promise;
}

/** The sentences the glossary is matched against: every current sentence of every article. */
async function activeSegments(db: Db) {
  return db.segment.findMany({
    where: { removedAt: null },
    orderBy: [{ articleId: "asc" }, { position: "asc" }],
    select: {
      id: true,
      articleId: true,
      source: true,
      currentRevisionId: true,
      article: { select: { slug: true, title: true } },
      currentRevision: { select: { text: true, origin: true } },
    },
  });
}

/** How many articles and sentences use each entry; recomputed only when the library or glossary changed. */
async function usage(db: Db): Promise<Map<number, { articles: Set<number>; occurrences: number }>> {
  const stats = await db.segment.aggregate({
    where: { removedAt: null },
    _count: { _all: true },
    _max: { id: true },
  });
  const key = `${stats._count._all}:${stats._max.id ?? 0}`;
  const cached = usageCache.get(db);
  if (cached && cached.key === key) return cached.usage;
  const glossary = await loadGlossary(db);
  const result = new Map<number, { articles: Set<number>; occurrences: number }>();
  for (const segment of await activeSegments(db)) {
    for (const match of glossary.source.find(segment.source)) {
      let u = result.get(match.entryId);
      if (!u) result.set(match.entryId, (u = { articles: new Set(), occurrences: 0 }));
      u.articles.add(segment.articleId);
      u.occurrences++;
    }
  }
  usageCache.set(db, { key, usage: result });
  return result;
}

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

function formsOf(input: GlossaryEntryInput): { text: string; key: string; isTerm: boolean }[] {
  const forms = [
    { text: input.term, isTerm: true },
    ...input.aliases.map((text) => ({ text, isTerm: false })),
  ];
  return forms.map((f) => {
    const key = patternKey(f.text);
    if (!key)
      throw new ValidationError(
        `"${f.text}" has no letters or digits to match.`,
        "glossaryNothingToMatch",
        { spelling: f.text },
      );
    return { ...f, key };
  });
}

/** Refuses a spelling that another entry already has, naming that entry. */
async function assertFormsFree(
  tx: Tx,
  forms: { text: string; key: string }[],
  entryId: number | null,
): Promise<void> {
  const keys = forms.map((f) => f.key);
  const duplicate = forms.find((f, i) => keys.indexOf(f.key) !== i);
  if (duplicate) {
    throw new ValidationError(
      `"${duplicate.text}" is listed twice in this entry (as the term or an alias, spelled the same for matching).`,
      "glossaryDuplicateSpelling",
      { spelling: duplicate.text },
    );
  }
  const taken = await tx.glossaryForm.findFirst({
    where: { key: { in: keys }, ...(entryId === null ? {} : { entryId: { not: entryId } }) },
    include: { entry: { select: { id: true, term: true, translation: true } } },
  });
  if (taken) {
    throw new ConflictError(
      `"${taken.text}" already belongs to the glossary entry "${taken.entry.term}" (${taken.entry.translation}).`,
      "glossarySpellingTaken",
      { spelling: taken.text, term: taken.entry.term, translation: taken.entry.translation },
      { entryId: taken.entry.id },
    );
  }
}

/**
 * Marks the translations of every sentence that uses any of these spellings as
 * out of date: machine translations are redone when next read, human ones are
 * only flagged.
 */
async function markAffected(db: Db, patterns: string[]): Promise<number> {
  const matcher = buildMatcher([{ id: 0, patterns }]);
  const ids = (await activeSegments(db))
    .filter((s) => s.currentRevisionId !== null && matcher.find(s.source).length > 0)
    .map((s) => s.id);
  if (ids.length === 0) return 0;
  await db.segment.updateMany({ where: { id: { in: ids } }, data: { outdatedAt: new Date() } });
  return ids.length;
}

function renderingChanged(
  before: GlossaryEntryRecord | undefined,
  after: GlossaryEntryInput,
): boolean {
  if (!before) return true;
  return (
    before.term !== after.term ||
    before.translation !== after.translation ||
    before.aliases.join("|") !== after.aliases.join("|")
  );
}

/**
 * Writes one entry (a new one when `id` is null) inside the caller's
 * transaction, without refreshing the caches; returns its id and the spellings
 * whose translations the write affects, so that callers writing many entries
 * refresh once (see afterWrites).
 */
async function writeEntry(
  tx: Tx,
  input: GlossaryEntryInput,
  origin: "seed" | "user",
  id: number | null,
): Promise<{ id: number; affected: string[] }> {
  const forms = formsOf(input);
  const termKey = forms[0]!.key;
  const row =
    id === null
      ? null
      : await tx.glossaryEntry.findUnique({ where: { id }, include: entryInclude });
  if (id !== null && (!row || row.deletedAt))
    throw new NotFoundError(`No glossary entry with id ${id}.`);
  const data = {
    term: input.term,
    termKey,
    translation: input.translation,
    category: input.category,
    note: input.note,
    origin,
    forms: { create: forms },
  };
  await assertFormsFree(tx, forms, id);
  let savedId: number;
  if (id === null) {
    // A deleted entry with the same term is replaced (its term key is unique).
    await tx.glossaryEntry.deleteMany({ where: { termKey, deletedAt: { not: null } } });
    savedId = (await tx.glossaryEntry.create({ data })).id;
  } else {
    await tx.glossaryForm.deleteMany({ where: { entryId: id } });
    await tx.glossaryEntry.update({ where: { id }, data });
    savedId = id;
  }
  await indexGlossaryEntry(tx, { ...input, id: savedId });
  const before = row ? toRecord(row) : undefined;
  const texts = forms.map((f) => f.text);
  const affected = !before
    ? texts
    : renderingChanged(before, input)
      ? [before.term, ...before.aliases, ...texts]
      : [];
  return { id: savedId, affected };
}

/**
 * Runs glossary writes in one transaction: all of them, or none. The timeout
 * is generous because an import writes every entry of a file in it.
 */
function inTransaction<T>(db: Db, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(write, { maxWait: 30_000, timeout: 300_000 }).catch(uniqueToConflict);
}

/** After glossary writes: rebuild the caches once and mark the affected translations once. */
async function afterWrites(db: Db, affected: string[]): Promise<void> {
  invalidate(db);
  if (affected.length > 0) await markAffected(db, affected);
}

export async function createEntry(
  db: Db,
  input: GlossaryEntryInput,
  origin: "seed" | "user" = "user",
): Promise<GlossaryEntryView> {
  const { id, affected } = await inTransaction(db, (tx) => writeEntry(tx, input, origin, null));
  await afterWrites(db, affected);
  return getEntry(db, id);
}

export async function updateEntry(
  db: Db,
  id: number,
  input: GlossaryEntryInput,
  origin: "seed" | "user" = "user",
): Promise<GlossaryEntryView> {
  const written = await inTransaction(db, (tx) => writeEntry(tx, input, origin, id));
  await afterWrites(db, written.affected);
  return getEntry(db, id);
}

/**
 * Writes many entries (an import) in one transaction, so that a file is
 * imported whole or not at all; caches and translations are refreshed once.
 */
export async function saveEntries(
  db: Db,
  items: { id: number | null; input: GlossaryEntryInput }[],
): Promise<void> {
  const affected = await inTransaction(db, async (tx) => {
    const all: string[] = [];
    for (const item of items)
      all.push(...(await writeEntry(tx, item.input, "user", item.id)).affected);
    return all;
  });
  await afterWrites(db, affected);
}

/** Deletes an entry. It stays as a tombstone so that an import does not bring it back. */
export async function deleteEntry(db: Db, id: number): Promise<void> {
  const before = (await loadGlossary(db)).byId.get(id);
  if (!before) throw new NotFoundError(`No glossary entry with id ${id}.`);
  await db.$transaction(async (tx) => {
    await tx.glossaryForm.deleteMany({ where: { entryId: id } });
    await tx.glossaryEntry.update({
      where: { id },
      data: { deletedAt: new Date(), origin: "user" },
    });
    await removeGlossaryEntry(tx, id);
  });
  invalidate(db);
  await markAffected(db, [before.term, ...before.aliases]);
}

function uniqueToConflict(error: unknown): never {
  // Two writers racing for the same spelling: the database's unique key decides.
  if (error instanceof Error && "code" in error && (error as { code?: string }).code === "P2002") {
    throw new ConflictError(
      "One of these spellings was just added to another glossary entry.",
      "glossaryRace",
    );
  }
  throw error;
}

export interface SeedImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Entries a user edited or deleted in the app: the file never overrides them. */
  keptUserEdits: number;
  rejected: { row: number; reason: string }[];
}

/**
 * Imports the starting glossary (content/glossary.csv) idempotently: new
 * entries are created, seed entries follow the file, and entries a user
 * edited or deleted in the app are left as they are.
 */
export async function importSeedGlossary(
  db: Db,
  entries: GlossaryEntryInput[],
  rejected: { row: number; reason: string }[],
): Promise<SeedImportReport> {
  const report: SeedImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    keptUserEdits: 0,
    rejected: [...rejected],
  };
  const affected: string[] = [];
  for (const [i, input] of entries.entries()) {
    const termKey = patternKey(input.term);
    const existing = await db.glossaryEntry.findUnique({
      where: { termKey },
      include: entryInclude,
    });
    try {
      if (!existing) {
        const written = await inTransaction(db, (tx) => writeEntry(tx, input, "seed", null));
        affected.push(...written.affected);
        report.created++;
      } else if (existing.origin === "user" || existing.deletedAt) {
        report.keptUserEdits++;
      } else {
        const current = toRecord(existing);
        const same =
          current.translation === input.translation &&
          current.category === input.category &&
          current.note === input.note &&
          current.term === input.term &&
          current.aliases.join("|") === input.aliases.join("|");
        if (same) report.unchanged++;
        else {
          const written = await inTransaction(db, (tx) =>
            writeEntry(tx, input, "seed", existing.id),
          );
          affected.push(...written.affected);
          report.updated++;
        }
      }
    } catch (error) {
      report.rejected.push({
        row: i + 2,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  await afterWrites(db, affected);
  return report;
}

export interface Occurrence {
  segmentId: number;
  articleSlug: string;
  articleTitle: string;
  source: string;
  /** Where the entry occurs in `source` (UTF-16 offsets). */
  spans: { start: number; end: number }[];
  translation: { text: string; origin: string } | null;
}

/** The concordance: every sentence in the library that uses the entry. */
export async function occurrences(db: Db, id: number): Promise<Occurrence[]> {
  const glossary = await loadGlossary(db);
  if (!glossary.byId.has(id)) throw new NotFoundError(`No glossary entry with id ${id}.`);
  const result: Occurrence[] = [];
  for (const s of await activeSegments(db)) {
    const spans = glossary.source
      .find(s.source)
      .filter((m) => m.entryId === id)
      .map(({ start, end }) => ({ start, end }));
    if (spans.length === 0) continue;
    result.push({
      segmentId: s.id,
      articleSlug: s.article.slug,
      articleTitle: s.article.title,
      source: s.source,
      spans,
      translation: s.currentRevision,
    });
  }
  return result;
}

export interface InconsistentSentence {
  segmentId: number;
  articleSlug: string;
  articleTitle: string;
  source: string;
  translation: string;
  origin: string;
  missing: { entryId: number; term: string; translation: string }[];
}

/** Sentences whose current translation lacks the rendering of a glossary term they contain. */
export async function consistencyReport(
  db: Db,
  articleSlug?: string,
): Promise<InconsistentSentence[]> {
  const glossary = await loadGlossary(db);
  const result: InconsistentSentence[] = [];
  for (const s of await activeSegments(db)) {
    if (!s.currentRevision || (articleSlug && s.article.slug !== articleSlug)) continue;
    const missing = missingRenderings(
      glossary,
      termsIn(glossary, s.source),
      s.currentRevision.text,
    ).map((u) => glossary.byId.get(u.entryId)!);
    if (missing.length === 0) continue;
    result.push({
      segmentId: s.id,
      articleSlug: s.article.slug,
      articleTitle: s.article.title,
      source: s.source,
      translation: s.currentRevision.text,
      origin: s.currentRevision.origin,
      missing: missing.map((e) => ({ entryId: e.id, term: e.term, translation: e.translation })),
    });
  }
  return result;
}

/** The corpus for mining suggestions: each article's current text. */
export async function corpusForMining(db: Db): Promise<{ articleId: number; text: string }[]> {
  const byArticle = new Map<number, string[]>();
  for (const s of await activeSegments(db)) {
    const list = byArticle.get(s.articleId) ?? [];
    list.push(s.source);
    byArticle.set(s.articleId, list);
  }
  return [...byArticle].map(([articleId, sentences]) => ({
    articleId,
    text: sentences.join("\n"),
  }));
}
