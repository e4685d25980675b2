"use client";

import { useTranslations } from "next-intl";
import type { WordsImportResult } from "@/lib/words/exchange";
import { FileImport } from "../file-import";

/** Imports another tool's word list (CSV) into the reader's words. */
export function WordsImport() {
  const t = useTranslations("words");
  return (
    <FileImport<WordsImportResult>
      className="words-import"
      endpoint="/api/words/import"
      accept=".csv,.txt,.tsv,text/csv"
      text={{
        title: t("importTitle"),
        intro: t("importIntro"),
        file: t("importFile"),
        button: t("importButton"),
        importing: t("importing"),
      }}
      report={(r, errorText) => {
        if (r.ok) {
          const lines = [t("imported", { added: r.data.added, existing: r.data.existing })];
          if (r.data.skipped.length > 0)
            lines.push(t("importSkipped", { list: r.data.skipped.map((s) => s.text).join(", ") }));
          return { ok: true, lines, refresh: true };
        }
        const rejected = (r.body.rejected as { row: number; reason: string }[] | undefined) ?? [];
        return {
          ok: false,
          lines: [errorText(r), ...rejected.map((x) => t("rejectedRow", x))],
          refresh: false,
        };
      }}
    />
  );
}
