/**
 * Saved words as the app and the browser see them: which form counts as the
 * same word, the statuses, and the record the API and the pages show.
 */
import type { LookupSense } from "../lookup/dictionary";
import { foldForSearch } from "../text/fold";
import { words, type Word } from "../text/words";

/** How well a reader knows a word, from just met to known. */
export const WORD_STATUSES = ["new", "learning", "known"] as const;
export type WordStatus = (typeof WORD_STATUSES)[number];

/** Where a saved form occurs in a sentence, in any case or accents (for marking it or leaving it blank). */
export function formSpans(sentence: string, form: string): Word[] {
  const key = wordKey(form);
  return words(sentence).filter((w) => wordKey(w.text) === key);
}

/** The sentences kept for one word; a word met more often keeps its first ones. */
export const MAX_CONTEXTS = 10;

/** What makes two spellings one saved word: case and accents folded, as search folds them. */
export function wordKey(form: string): string {
  return foldForSearch(form.trim());
}

export interface WordContextRecord {
  id: number;
  segmentId: number | null;
  /** The article's slug and title now; null once the article is gone. */
  articleSlug: string | null;
  articleTitle: string | null;
  /** The form as written in this sentence. */
  form: string;
  source: string;
  translation: string | null;
  createdAt: string;
}

export interface SavedWordRecord {
  id: number;
  form: string;
  root: string;
  senses: LookupSense[];
  note: string;
  status: WordStatus;
  createdAt: string;
  updatedAt: string;
  /** How often the form occurs in the library's sentences. */
  frequency: number;
  contexts: WordContextRecord[];
}

/** A saved word as the reader's marks need it. */
export interface WordMark {
  id: number;
  key: string;
  status: WordStatus;
}

/** The stored senses (JSON), tolerating a row written by hand. */
export function readSenses(json: string): LookupSense[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value)
      ? value.filter((s): s is LookupSense => typeof s === "object" && s !== null && "gloss" in s)
      : [];
  } catch {
    return [];
  }
}
