/**
 * What the search index needs from a database: SQLite keeps it in FTS5 tables
 * (lib/search/sqlite.ts), PostgreSQL in tsvector columns (lib/search/postgres.ts).
 * Both index the same tokens (lib/search/stems.ts), so both find the same rows.
 */
import type { Db, Tx } from "../db/client";
import type { QueryTerm } from "./stems";

/** Anything that runs raw SQL: the client or a transaction. */
export type Sql = Pick<Tx, "$executeRaw" | "$queryRaw">;

export type StemRow = readonly [id: number, stems: string];

export interface HitRow {
  segmentId: number;
  source: string;
  translation: string | null;
  slug: string;
  title: string;
  /** The translation with its matched words between OPEN and CLOSE (English search only). */
  marked: string | null;
}

/** A query's English words, each as its tokens (a phrase), deduplicated. */
export type EnglishWords = readonly (readonly string[])[];

/** The search tables, the same on both providers (their columns differ). */
export const SEARCH_TABLES = [
  "SegmentSearch",
  "SegmentSearchEn",
  "GlossarySearch",
  "GlossarySearchEn",
] as const;

export interface SearchBackend {
  insertStems(tx: Sql, table: "segment" | "glossary", rows: readonly StemRow[]): Promise<void>;
  removeSegments(tx: Sql, ids: readonly number[]): Promise<void>;
  /** Replaces a segment's indexed translation; a retired segment stays out. */
  indexTranslation(tx: Sql, segmentId: number, text: string): Promise<void>;
  indexGlossaryTranslation(tx: Sql, entryId: number, translation: string): Promise<void>;
  removeGlossaryEntry(tx: Sql, entryId: number): Promise<void>;
  /** Indexes every live translation and glossary rendering from the data. */
  fillEnglish(tx: Sql): Promise<void>;
  /**
   * Matching sentences, best first. Titles are indexed like sentences (the index
   * holds every live segment) but are not hits: a hit links to its sentence.
   */
  segmentsById(db: Db, terms: QueryTerm[], limit: number): Promise<HitRow[]>;
  glossaryById(db: Db, terms: QueryTerm[], limit: number): Promise<number[]>;
  segmentsEn(db: Db, words: EnglishWords, limit: number): Promise<HitRow[]>;
  glossaryEn(db: Db, words: EnglishWords, limit: number): Promise<number[]>;
}

// highlight() marks matches with these; private-use characters, which real
// text does not contain (a translation that does gets no highlights).
export const OPEN = "\uE000";
export const CLOSE = "\uE001";

// Rows go in as one JSON parameter expanded by the database: any number of rows
// in one statement, and nothing but bound parameters in the SQL.
const CHUNK = 2000;

export function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
