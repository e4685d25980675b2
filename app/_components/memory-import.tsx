"use client";

import { useTranslations } from "next-intl";
import { FileImport } from "./file-import";

/** The library's control for importing another tool's translation memory (TMX). */
export function MemoryImport() {
  const t = useTranslations("memoryImport");
  return (
    <FileImport<{ units: number; applied: number }>
      className="memory-import"
      endpoint="/api/import/tmx"
      accept=".tmx,.xml,application/xml"
      text={{
        title: t("title"),
        intro: t("intro"),
        file: t("file"),
        button: t("button"),
        importing: t("importing"),
      }}
      report={(r, errorText) =>
        r.ok
          ? // The library's counts change when sentences took the imported translations.
            { ok: true, lines: [t("imported", r.data)], refresh: r.data.applied > 0 }
          : { ok: false, lines: [errorText(r)], refresh: false }
      }
    />
  );
}
