"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { callApi, useApiErrorText } from "./api-client";

export function GlossaryImport() {
  const t = useTranslations("glossary");
  const errorText = useApiErrorText();
  const [result, setResult] = useState<{
    message: string;
    rejected: { row: number; reason: string }[];
    ok: boolean;
  } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return;
    const content = await file.text();
    const format =
      /\.(tbx|xml)$/i.test(file.name) || content.trimStart().startsWith("<") ? "tbx" : "csv";
    const response = await callApi<{ created: number; updated: number }>("/api/glossary/import", {
      method: "POST",
      body: { format, content },
    });
    if (response.ok) setResult({ ok: true, message: t("imported", response.data), rejected: [] });
    else
      setResult({
        ok: false,
        message: t("failed", { message: errorText(response) }),
        rejected: (response.body.rejected as { row: number; reason: string }[] | undefined) ?? [],
      });
  }

  return (
    <form className="entry-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t("importFile")}
        <input type="file" name="file" accept=".csv,.tbx,.xml,text/csv,application/xml" required />
      </label>
      <button type="submit">{t("importButton")}</button>
      {result && (
        <div className={result.ok ? "saved" : "notice"} role={result.ok ? "status" : "alert"}>
          <p>{result.message}</p>
          {result.rejected.length > 0 && (
            <>
              <p>{t("rejectedRows")}</p>
              <ul>
                {result.rejected.map((r) => (
                  <li key={r.row}>{t("row", r)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
