"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { callApi, useApiErrorText, type ApiResult } from "./api-client";

export interface FileImportText {
  title: string;
  intro: string;
  file: string;
  button: string;
  importing: string;
}

/**
 * A folded form that sends one file to an import route and says what came of
 * it: `report` turns the answer into lines (and whether the page's data changed).
 */
export function FileImport<T>({
  className,
  endpoint,
  accept,
  text,
  report,
}: {
  className: string;
  endpoint: string;
  accept: string;
  text: FileImportText;
  report: (
    result: ApiResult<T>,
    errorText: ReturnType<typeof useApiErrorText>,
  ) => { ok: boolean; lines: ReactNode[]; refresh: boolean };
}) {
  const errorText = useApiErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; lines: ReactNode[] } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setBusy(true);
    setResult(null);
    const response = await callApi<T>(endpoint, { method: "POST", body: form });
    setBusy(false);
    const { refresh, ...shown } = report(response, errorText);
    setResult(shown);
    if (refresh) router.refresh();
  }

  return (
    <details className={className}>
      <summary>{text.title}</summary>
      <p className="muted">{text.intro}</p>
      <form className="entry-form" onSubmit={(e) => void submit(e)}>
        <label>
          {text.file}
          <input type="file" name="file" accept={accept} required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? text.importing : text.button}
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
