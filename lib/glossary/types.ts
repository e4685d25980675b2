import { z } from "zod";
import { GlossaryCategory as GlossaryCategoryEnum } from "../db/generated/enums";
import { hasControlChars } from "../text/control";

// The categories are the schema's enum (prisma/schema.prisma); this list keeps its order for forms.
export const GLOSSARY_CATEGORIES = Object.values(GlossaryCategoryEnum) as [
  GlossaryCategory,
  ...GlossaryCategory[],
];

export type GlossaryCategory = GlossaryCategoryEnum;

export const TERM_MAX = 200;
/** Aliases per entry: enough for every spelling of a name, not a way to store a word list. */
export const ALIASES_MAX = 50;
export const TRANSLATION_MAX = 300;
export const NOTE_MAX = 2000;

// Control characters break XML exchange and are never meaningful in a glossary.
// Tab/CR/LF are allowed in the note; single-line fields fold them into spaces.

const collapseSpaces = (s: string): string => s.replace(/\s+/g, " ");

/** A single-line field: trimmed, inner whitespace runs collapsed to one space. */
function singleLine(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .overwrite(collapseSpaces)
    .trim()
    .min(1, { error: `${label} must not be empty` })
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !hasControlChars(s), {
      error: `${label} must not contain control characters`,
    });
}

const aliasSchema = singleLine("Alias", TERM_MAX)
  // Aliases are stored joined by "|" in CSV, so the separator cannot appear inside one.
  .refine((s) => !s.includes("|"), { error: 'Alias must not contain "|"' });

export const glossaryCategorySchema = z.enum(GLOSSARY_CATEGORIES, {
  error: (issue) =>
    `Category must be one of ${GLOSSARY_CATEGORIES.join(", ")}` +
    (typeof issue.input === "string" && issue.input !== "" ? ` (got "${issue.input}")` : ""),
});

/**
 * Validation for one glossary entry as typed by a user or read from a file;
 * its output type is GlossaryEntryInput.
 */
export const glossaryEntryInputSchema = z
  .object({
    term: singleLine("Term", TERM_MAX),
    translation: singleLine("Translation", TRANSLATION_MAX),
    aliases: z
      .array(aliasSchema, { error: "Aliases must be a list of text values" })
      .refine((list) => list.length <= ALIASES_MAX, {
        error: `An entry can have at most ${ALIASES_MAX} aliases`,
        params: { code: "glossaryTooManyAliases", maximum: ALIASES_MAX },
      })
      .default([]),
    category: glossaryCategorySchema,
    note: z
      .string({ error: "Note must be text" })
      .trim()
      .max(NOTE_MAX, { error: `Note must be at most ${NOTE_MAX} characters` })
      .refine((s) => !hasControlChars(s), { error: "Note must not contain control characters" })
      .default(""),
  })
  .superRefine((entry, ctx) => {
    const seen = new Map<string, number>();
    entry.aliases.forEach((alias, i) => {
      if (alias === entry.term) {
        ctx.addIssue({
          code: "custom",
          path: ["aliases", i],
          message: `Alias "${alias}" is the same as the term`,
        });
      }
      const first = seen.get(alias);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["aliases", i],
          message: `Alias "${alias}" is listed twice (also alias #${first + 1})`,
        });
      } else {
        seen.set(alias, i);
      }
    });
  });

export type GlossaryEntryInput = z.output<typeof glossaryEntryInputSchema>;
/** What callers may pass before defaults are applied (aliases and note optional). */
export type GlossaryEntryDraft = z.input<typeof glossaryEntryInputSchema>;

/** One line per issue, e.g. `aliases[1]: Alias "PBB" is listed twice (also alias #1)`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join("");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

export type ParseEntryResult =
  { ok: true; entry: GlossaryEntryInput } | { ok: false; reason: string };

/** Validates unknown input and returns a readable reason instead of throwing. */
export function parseGlossaryEntry(input: unknown): ParseEntryResult {
  const result = glossaryEntryInputSchema.safeParse(input);
  return result.success
    ? { ok: true, entry: result.data }
    : { ok: false, reason: formatIssues(result.error) };
}
