import { z } from "zod";
import { parseQuery } from "../http";

/** Query of GET /api/search. */
export const searchQuerySchema = z.object({
  q: z
    .string({ error: "Say what to search for (q)." })
    .trim()
    .min(1, "Say what to search for (q).")
    .max(200, "The search text is longer than 200 characters."),
  lang: z.enum(["id", "en"], { error: "lang must be id or en." }).default("id"),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Reads and validates the search parameters; anything wrong is a 422. */
export function parseSearchParams(params: URLSearchParams): SearchQuery {
  return parseQuery(params, searchQuerySchema);
}
