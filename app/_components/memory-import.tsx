"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, useApiErrorText } from "./api-client";

/** The library's control for importing another tool's translation memory (TMX). */
export function MemoryImport() {
  const t = useTranslations("memoryImport");
  const errorText = useApiErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setBusy(true);
    setResult(null);
    const response = await callApi<{ units: number; applied: number }>("/api/import/tmx", {
      method: "POST",
      body: form,
    });
    setBusy(false);
    if (response.ok) {
      setResult({ ok: true, message: t("imported", response.data) });
      // The library's counts change when sentences took the imported translations.
      if (response.data.applied > 0) router.refresh();
    } else setResult({ ok: false, message: errorText(response) });
  }

  return (
    <details className="memory-import">
      <summary>{t("title")}</summary>
      <p className="muted">{t("intro")}</p>
      <form className="entry-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t("file")}
          <input type="file" name="file" accept=".tmx,.xml,application/xml" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t("importing") : t("button")}
        </button>
        {result && (
          <p className={result.ok ? "saved" : "notice"} role={result.ok ? "status" : "alert"}>
            {result.message}
          </p>
        )}
      </form>
    </details>
  );
}
