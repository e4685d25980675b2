"use client";

import { useTranslations } from "next-intl";
import { useRouter as useNextRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { GlossaryEntryView } from "@/lib/glossary/records";
import type { GlossaryCategory } from "@/lib/glossary/types";
import { useRouter } from "@/lib/i18n/navigation";
import { callApi, useApiErrorText } from "./api-client";
import { CategorySelect } from "./category-select";

/** Creates an entry (entry = null) or edits and deletes one. */
export function GlossaryEntryForm({
  entry,
  initial,
}: {
  entry: GlossaryEntryView | null;
  initial?: { term: string };
}) {
  const t = useTranslations("glossary");
  const errorText = useApiErrorText();
  const router = useRouter();
  const nextRouter = useNextRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      term: String(form.get("term") ?? ""),
      translation: String(form.get("translation") ?? ""),
      aliases: String(form.get("aliases") ?? "")
        .split("\n")
        .map((a) => a.trim())
        .filter(Boolean),
      category: String(form.get("category") ?? "") as GlossaryCategory,
      note: String(form.get("note") ?? ""),
    };
    setBusy(true);
    setError(null);
    setSaved(false);
    const result = await callApi<GlossaryEntryView>(
      entry ? `/api/glossary/${entry.id}` : "/api/glossary",
      { method: entry ? "PUT" : "POST", body },
    );
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result));
      return;
    }
    if (entry) {
      setSaved(true);
      nextRouter.refresh();
    } else {
      router.push(`/glossary/${result.data.id}`);
    }
  }

  async function remove() {
    if (!entry || !window.confirm(t("confirmDelete", { term: entry.term }))) return;
    const result = await callApi<null>(`/api/glossary/${entry.id}`, { method: "DELETE" });
    if (!result.ok) setError(errorText(result));
    else router.push("/glossary");
  }

  return (
    <form className="entry-form" onSubmit={(e) => void submit(e)}>
      {error && (
        <p className="notice" role="alert">
          {t("failed", { message: error })}
        </p>
      )}
      {saved && (
        <p className="saved" role="status">
          {t("saved")}
        </p>
      )}
      <label>
        {t("fields.term")}
        <input
          name="term"
          required
          maxLength={200}
          lang="id"
          defaultValue={entry?.term ?? initial?.term ?? ""}
        />
      </label>
      <label>
        {t("fields.translation")}
        <input
          name="translation"
          required
          maxLength={300}
          lang="en"
          defaultValue={entry?.translation ?? ""}
        />
      </label>
      <label>
        {t("fields.aliases")}
        <textarea
          name="aliases"
          rows={3}
          lang="id"
          defaultValue={entry?.aliases.join("\n") ?? ""}
          aria-describedby="aliases-hint"
        />
      </label>
      <p id="aliases-hint" className="muted small">
        {t("fields.aliasesHint")}
      </p>
      <CategorySelect
        label={t("fields.category")}
        defaultValue={entry?.category ?? "organization"}
      />
      <label>
        {t("fields.note")}
        <textarea name="note" rows={2} maxLength={2000} defaultValue={entry?.note ?? ""} />
      </label>
      <div className="editor-actions">
        <button type="submit" className="primary" disabled={busy}>
          {entry ? t("save") : t("create")}
        </button>
        {entry && (
          <button type="button" className="danger" onClick={() => void remove()}>
            {t("delete")}
          </button>
        )}
      </div>
    </form>
  );
}
