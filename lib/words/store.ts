/**
 * A reader's saved words: saving from a sentence (a word met again gains the
 * sentence as a context), listing with the Words page's filters, changing the
 * status or the note, removing, and the marks the reader shows.
 */
import type { Db } from "../db/client";
import { NotFoundError, ValidationError } from "../errors";
import { lookupWord, type LookupSense } from "../lookup/dictionary";
import { foldForSearch } from "../text/fold";
import { words } from "../text/words";
import type { SaveWordInput, UpdateWordInput, WordsQuery } from "./api";
import { libraryWordCounts } from "./frequency";
import {
  formSpans,
  MAX_CONTEXTS,
  readSenses,
  wordKey,
  type SavedWordRecord,
  type WordMark,
  type WordStatus,
} from "./records";

const withContexts = { contexts: { orderBy: { id: "asc" } } } as const;

type WordRow = NonNullable<Awaited<ReturnType<Db["savedWord"]["findFirst"]>>> & {
  contexts: {
    id: number;
    segmentId: number | null;
    articleId: number | null;
    form: string;
    source: string;
    translation: string | null;
    createdAt: Date;
  }[];
};

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** Rows as records: each context with its article's slug and title as they are now. */
async function toRecords(db: Db, rows: WordRow[]): Promise<SavedWordRecord[]> {
  const articleIds = [
    ...new Set(rows.flatMap((r) => r.contexts.map((c) => c.articleId)).filter((id) => id !== null)),
  ];
  const articles = new Map(
    (
      await db.article.findMany({
        where: { id: { in: articleIds } },
        select: { id: true, slug: true, title: true },
      })
    ).map((a) => [a.id, a]),
  );
  // The English as it is now (corrected or translated since the word was saved),
  // else the copy kept with the context.
  const segmentIds = [
    ...new Set(rows.flatMap((r) => r.contexts.map((c) => c.segmentId)).filter((id) => id !== null)),
  ];
  const english = new Map(
    (
      await db.segment.findMany({
        where: { id: { in: segmentIds }, currentRevisionId: { not: null } },
        select: { id: true, currentRevision: { select: { text: true } } },
      })
    ).map((s) => [s.id, s.currentRevision?.text ?? null]),
  );
  const counts = await libraryWordCounts(db);
  return rows.map((row) => ({
    id: row.id,
    form: row.form,
    root: row.root,
    senses: readSenses(row.senses),
    note: row.note,
    status: row.status as WordStatus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    frequency: counts.get(row.key) ?? 0,
    contexts: row.contexts.map((c) => {
      const article = c.articleId === null ? undefined : articles.get(c.articleId);
      return {
        id: c.id,
        segmentId: c.segmentId,
        articleSlug: article?.slug ?? null,
        articleTitle: article?.title ?? null,
        form: c.form,
        source: c.source,
        translation: (c.segmentId !== null ? english.get(c.segmentId) : null) ?? c.translation,
        createdAt: c.createdAt.toISOString(),
      };
    }),
  }));
}

async function wordOf(db: Db, owner: string, id: number): Promise<WordRow> {
  const row = await db.savedWord.findFirst({ where: { id, owner }, include: withContexts });
  // Another reader's word is as unknown as one that never existed.
  if (!row) throw new NotFoundError(`No saved word with id ${id}.`);
  return row;
}

export async function getWord(db: Db, owner: string, id: number): Promise<SavedWordRecord> {
  return (await toRecords(db, [await wordOf(db, owner, id)]))[0]!;
}

/**
 * The form a word is listed under: as written, except that a sentence's capital
 * is dropped from a word the dictionary knows as a common word ("Banjir" at the
 * start of a sentence is listed as "banjir", "Jakarta" stays).
 */
function listForm(met: { text: string; start: number }, senses: LookupSense[]): string {
  const lower = met.text.toLowerCase();
  const capitalOnly = met.text === lower[0]!.toUpperCase() + lower.slice(1) && met.text !== lower;
  const common = senses.length > 0 && !senses.some((s) => s.pos?.includes("proper noun"));
  return met.start === 0 && capitalOnly && common ? lower : met.text;
}

export interface SaveOutcome {
  word: SavedWordRecord;
  /** True when the word was not saved before. */
  created: boolean;
  /** True when the sentence became one of the word's contexts. */
  contextAdded: boolean;
}

/**
 * Saves a word as met in a sentence: its root, senses, both sentences and the
 * article come from the sentence. A word already saved gains the sentence as a
 * context (up to MAX_CONTEXTS); its status and note stay as the reader left them.
 */
export async function saveWord(db: Db, owner: string, input: SaveWordInput): Promise<SaveOutcome> {
  const segment = await db.segment.findFirst({
    where: { id: input.segmentId, removedAt: null },
    select: {
      id: true,
      articleId: true,
      source: true,
      currentRevision: { select: { text: true } },
    },
  });
  if (!segment) throw new NotFoundError(`No sentence with id ${input.segmentId}.`);
  const key = wordKey(input.form);
  const [met] = formSpans(segment.source, input.form);
  if (!met)
    throw new ValidationError(
      `“${input.form}” is not a word of this sentence.`,
      "wordNotInSentence",
      { word: input.form },
    );
  const looked = lookupWord(met.text);
  const context = {
    segmentId: segment.id,
    articleId: segment.articleId,
    form: met.text,
    source: segment.source,
    translation: segment.currentRevision?.text ?? null,
  };

  for (let attempt = 0; ; attempt++) {
    try {
      const saved = await db.$transaction(async (tx) => {
        const existing = await tx.savedWord.findUnique({
          where: { owner_key: { owner, key } },
          include: { contexts: { select: { segmentId: true } } },
        });
        if (!existing) {
          const created = await tx.savedWord.create({
            data: {
              owner,
              key,
              form: listForm(met, looked.senses),
              root: looked.root,
              senses: JSON.stringify(looked.senses),
              note: input.note ?? "",
              contexts: { create: context },
            },
          });
          return { id: created.id, created: true, contextAdded: true };
        }
        const known = existing.contexts.some((c) => c.segmentId === segment.id);
        const room = existing.contexts.length < MAX_CONTEXTS;
        if (!known && room)
          await tx.wordContext.create({ data: { ...context, wordId: existing.id } });
        return { id: existing.id, created: false, contextAdded: !known && room };
      });
      return { ...saved, word: await getWord(db, owner, saved.id) };
    } catch (error) {
      // Two saves of one word at once: the second finds the first's row on its retry.
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Changes a word's status or note; another reader's word is not found. */
export async function updateWord(
  db: Db,
  owner: string,
  id: number,
  patch: UpdateWordInput,
): Promise<SavedWordRecord> {
  await wordOf(db, owner, id);
  await db.savedWord.update({
    where: { id },
    data: {
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
    },
  });
  return getWord(db, owner, id);
}

export async function deleteWord(db: Db, owner: string, id: number): Promise<void> {
  const { count } = await db.savedWord.deleteMany({ where: { id, owner } });
  if (count === 0) throw new NotFoundError(`No saved word with id ${id}.`);
}

/** Whether a word matches the search text: its form, root, note or an English sense. */
function matches(word: SavedWordRecord, folded: string): boolean {
  return [word.form, word.root, word.note, ...word.senses.map((s) => s.gloss)].some((text) =>
    foldForSearch(text).includes(folded),
  );
}

/** A reader's words with the Words page's filters: search, status, article; newest or most frequent first. */
export async function listWords(
  db: Db,
  owner: string,
  query: WordsQuery = {},
): Promise<SavedWordRecord[]> {
  let articleId: number | undefined;
  if (query.article) {
    const article = await db.article.findUnique({
      where: { slug: query.article },
      select: { id: true },
    });
    if (!article) return [];
    articleId = article.id;
  }
  const rows = await db.savedWord.findMany({
    where: {
      owner,
      ...(query.status ? { status: query.status } : {}),
      ...(articleId !== undefined ? { contexts: { some: { articleId } } } : {}),
    },
    include: withContexts,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  let list = await toRecords(db, rows);
  const folded = query.q ? foldForSearch(query.q) : "";
  if (folded) list = list.filter((w) => matches(w, folded));
  if (query.sort === "frequency")
    list = list.toSorted((a, b) => b.frequency - a.frequency || a.form.localeCompare(b.form, "id"));
  return list;
}

const KEY_CHUNK = 500;

/** The reader's saved words that occur in an article, for marking them by status. */
export async function wordMarksIn(db: Db, owner: string, slug: string): Promise<WordMark[]> {
  const article = await db.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new NotFoundError(`No article "${slug}".`, "notFound");
  const segments = await db.segment.findMany({
    where: { articleId: article.id, removedAt: null },
    select: { source: true },
  });
  const keys = [...new Set(segments.flatMap((s) => words(s.source).map((w) => wordKey(w.text))))];
  const marks: WordMark[] = [];
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const rows = await db.savedWord.findMany({
      where: { owner, key: { in: keys.slice(i, i + KEY_CHUNK) } },
      select: { id: true, key: true, status: true },
    });
    marks.push(...rows.map((r) => ({ id: r.id, key: r.key, status: r.status as WordStatus })));
  }
  return marks;
}

/** The articles a reader's words were met in, for the Words page's article filter. */
export async function wordArticles(
  db: Db,
  owner: string,
): Promise<{ slug: string; title: string }[]> {
  const contexts = await db.wordContext.findMany({
    where: { word: { owner }, articleId: { not: null } },
    select: { articleId: true },
    distinct: ["articleId"],
  });
  return db.article.findMany({
    where: { id: { in: contexts.map((c) => c.articleId!) } },
    select: { slug: true, title: true },
    orderBy: { title: "asc" },
  });
}

/** How many words a reader has saved, whatever the filters. */
export function countWords(db: Db, owner: string): Promise<number> {
  return db.savedWord.count({ where: { owner } });
}
