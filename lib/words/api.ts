import { z } from "zod";
import { hasLetter, isSingleWord } from "../text/words";
import { WORD_STATUSES } from "./records";

/** The Words page's filters, also taken by the list, the export and the JSON API. */
export const wordsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(WORD_STATUSES).optional(),
  /** An article's slug: the words met in it. */
  article: z.string().trim().max(300).optional(),
  sort: z.enum(["date", "frequency"]).default("date"),
});
export type WordsQuery = z.input<typeof wordsQuerySchema>;

const MAX_FORM = 60;
export const MAX_NOTE = 2_000;

/** One word as written in a sentence: letters, maybe joined by a hyphen or an apostrophe. */
export const wordFormSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_FORM)
  .refine((form) => isSingleWord(form) && hasLetter(form), {
    params: { code: "wordNotAWord" },
    message: "Give one word (letters, maybe joined by a hyphen), as it is written in the sentence.",
  });

export const saveWordInputSchema = z.object({
  form: wordFormSchema,
  segmentId: z.number().int().positive(),
  note: z.string().trim().max(MAX_NOTE).optional(),
});
export type SaveWordInput = z.output<typeof saveWordInputSchema>;

export const updateWordInputSchema = z
  .object({
    status: z.enum(WORD_STATUSES).optional(),
    note: z.string().trim().max(MAX_NOTE).optional(),
  })
  .refine((patch) => patch.status !== undefined || patch.note !== undefined, {
    params: { code: "fieldMissing", field: "status" },
    message: "Give a status or a note to change.",
  });
export type UpdateWordInput = z.output<typeof updateWordInputSchema>;

export const wordsExportQuerySchema = wordsQuerySchema.extend({
  format: z.enum(["anki", "csv"], { error: "format must be anki or csv." }).default("csv"),
});

export const marksQuerySchema = z.object({ article: z.string().trim().min(1).max(300) });
