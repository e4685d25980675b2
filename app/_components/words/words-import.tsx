"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { WordsImportResult } from "@/lib/words/exchange";
import { callApi, useApiErrorText } from "../api-client";

/** Imports another tool's word list (CSV) into the reader's words. */
export function WordsImport() {
  const t = useTranslations("words");
  const errorText = useApiErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setBusy(true);
    setResult(null);
    const r = await callApi<WordsImportResult>("/api/words/import", { method: "POST", body: form });
    setBusy(false);
    if (r.ok) {
      const lines = [t("imported", { added: r.data.added, existing: r.data.existing })];
      if (r.data.skipped.length > 0)
        lines.push(t("importSkipped", { list: r.data.skipped.map((s) => s.text).join(", ") }));
      setResult({ ok: true, lines });
      router.refresh();
    } else {
      const rejected = (r.body.rejected as { row: number; reason: string }[] | undefined) ?? [];
      setResult({ ok: false, lines: [errorText(r), ...rejected.map((x) => t("rejectedRow", x))] });
    }
  }

  return (
    <details className="words-import">
      <summary>{t("importTitle")}</summary>
      <p className="muted">{t("importIntro")}</p>
      <form className="entry-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t("importFile")}
          <input type="file" name="file" accept=".csv,.txt,.tsv,text/csv" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t("importing") : t("importButton")}
        </button>
        {result && (
          <div className={result.ok ? "saved" : "notice"} role={result.ok ? "status" : "alert"}>
            {result.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        )}
      </form>
    </details>
  );
}
