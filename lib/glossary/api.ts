import { z } from "zod";
import { GLOSSARY_CATEGORIES } from "./types";

/** Query of GET /api/glossary and of the glossary page. */
export const glossaryQuerySchema = z.object({
  q: z.string().max(200).optional(),
  category: z.enum(GLOSSARY_CATEGORIES).optional().catch(undefined),
  sort: z.enum(["name", "frequency"]).optional().catch(undefined),
});

/** The glossary page's query: the list's, and which page of it. */
export const glossaryPageQuerySchema = glossaryQuerySchema.extend({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export const dismissInputSchema = z.object({
  text: z.string().trim().min(1, "Say which suggestion to dismiss.").max(200),
});

export const glossaryUploadSchema = z.object({
  format: z.enum(["csv", "tbx"], { error: "format must be csv or tbx." }),
  content: z.string().min(1, "The file is empty.").max(5_000_000, "The file is larger than 5 MB."),
});
