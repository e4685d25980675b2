import fs from "node:fs/promises";
import path from "node:path";
import type { ArticleDraft, SaveOutcome } from "../articles/store";
import { saveArticle } from "../articles/store";
import type { Db } from "../db/client";
import { ValidationError } from "../errors";
import { parseArticleFile } from "./article-file";
import { stripBoilerplate } from "./boilerplate";
import { segmentText } from "./segment";

export type ArticleMeta = Omit<ArticleDraft, "paragraphs">;

/** Cleans and segments an article body: the one path for files and the form alike. */
export function toDraft(meta: ArticleMeta, body: string): ArticleDraft {
  const paragraphs = segmentText(stripBoilerplate(body));
  if (paragraphs.length === 0) {
    throw new ValidationError(
      "The text has no sentences left once site boilerplate is removed.",
      "articleNoSentences",
    );
  }
  return { ...meta, paragraphs };
}

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  failed: { file: string; error: string }[];
}

/**
 * Imports every article file (*.md) of a directory. A broken file is reported
 * and skipped; it does not stop the others and changes nothing in the database.
 */
export async function importArticles(db: Db, dir: string): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: [], failed: [] };
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  for (const file of files) {
    try {
      const raw = await fs.readFile(path.join(dir, file), "utf8");
      const { body, ...meta } = parseArticleFile(raw, file);
      const { outcome } = await saveArticle(db, toDraft(meta, body), "file");
      const lists: Record<SaveOutcome, string[]> = report;
      lists[outcome].push(meta.slug);
    } catch (error) {
      report.failed.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
