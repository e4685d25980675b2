import type { Author } from "../auth/session";
import type { GlossaryCategory } from "./types";

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
  /** Who made the last change (accounts mode); null for imports from content/ and single-user mode. */
  author: Author | null;
}

export interface GlossaryEntryView extends GlossaryEntryRecord {
  articleCount: number;
  occurrenceCount: number;
}

export interface EntryRow {
  id: number;
  term: string;
  translation: string;
  category: string;
  note: string;
  origin: string;
  createdAt: Date;
  updatedAt: Date;
  forms: { text: string; isTerm: boolean; id: number }[];
  author: Author | null;
}

export function toRecord(row: EntryRow): GlossaryEntryRecord {
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
    author: row.author ? { id: row.author.id, name: row.author.name } : null,
  };
}

export const entryInclude = {
  forms: { select: { id: true, text: true, isTerm: true } },
  author: { select: { id: true, name: true } },
} as const;
