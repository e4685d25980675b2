import type { Db, Tx } from "../db/client";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { indexGlossaryEntry, removeGlossaryEntry } from "../search/index";
import { changed, tags } from "../cache/changes";
import { invalidateGlossary, loadGlossary } from "./cache";
import { activeSegments } from "./corpus";
import { getEntry } from "./list";
import { buildMatcher, patternKey } from "./matcher";
import {
  entryInclude,
  toRecord,
  type GlossaryEntryRecord,
  type GlossaryEntryView,
} from "./records";
import type { GlossaryEntryInput } from "./types";

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
  changed(db, ids.map(tags.segment));
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
 * refresh once (see afterWrites). `authorId`: the signed-in user who made the
 * change (null for content/ and single-user mode).
 */
export async function writeEntry(
  tx: Tx,
  input: GlossaryEntryInput,
  origin: "seed" | "user",
  id: number | null,
  authorId: string | null = null,
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
    authorId,
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
export function inTransaction<T>(db: Db, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(write, { maxWait: 30_000, timeout: 300_000 }).catch(uniqueToConflict);
}

/** After glossary writes: rebuild the caches once and mark the affected translations once. */
export async function afterWrites(db: Db, affected: string[]): Promise<void> {
  invalidateGlossary(db);
  if (affected.length > 0) await markAffected(db, affected);
}

export async function createEntry(
  db: Db,
  input: GlossaryEntryInput,
  authorId: string | null = null,
): Promise<GlossaryEntryView> {
  const { id, affected } = await inTransaction(db, (tx) =>
    writeEntry(tx, input, "user", null, authorId),
  );
  await afterWrites(db, affected);
  return getEntry(db, id);
}

export async function updateEntry(
  db: Db,
  id: number,
  input: GlossaryEntryInput,
  authorId: string | null = null,
): Promise<GlossaryEntryView> {
  const written = await inTransaction(db, (tx) => writeEntry(tx, input, "user", id, authorId));
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
  authorId: string | null = null,
): Promise<void> {
  const affected = await inTransaction(db, async (tx) => {
    const all: string[] = [];
    for (const item of items)
      all.push(...(await writeEntry(tx, item.input, "user", item.id, authorId)).affected);
    return all;
  });
  await afterWrites(db, affected);
}

/** Deletes an entry (by `authorId`). It stays as a tombstone so that an import does not bring it back. */
export async function deleteEntry(
  db: Db,
  id: number,
  authorId: string | null = null,
): Promise<void> {
  const before = (await loadGlossary(db)).byId.get(id);
  if (!before) throw new NotFoundError(`No glossary entry with id ${id}.`);
  await db.$transaction(async (tx) => {
    await tx.glossaryForm.deleteMany({ where: { entryId: id } });
    await tx.glossaryEntry.update({
      where: { id },
      data: { deletedAt: new Date(), origin: "user", authorId },
    });
    await removeGlossaryEntry(tx, id);
  });
  invalidateGlossary(db);
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
