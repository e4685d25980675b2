"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useRouter } from "@/lib/i18n/navigation";
import { callApi, useApiErrorText } from "./api-client";

export function AddArticleForm() {
  const t = useTranslations();
  const router = useRouter();
  const errorText = useApiErrorText();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optional = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value === "" ? undefined : value;
    };
    setBusy(true);
    setError(null);
    const result = await callApi<{ slug: string }>("/api/articles", {
      method: "POST",
      body: {
        title: String(form.get("title") ?? ""),
        text,
        source: optional("source"),
        publishedAt: optional("publishedAt"),
      },
    });
    if (result.ok) {
      router.push(`/articles/${result.data.slug}`);
    } else {
      setError(errorText(result));
      setBusy(false);
    }
  }

  return (
    <form className="add-article" onSubmit={(e) => void submit(e)}>
      {error && (
        <p className="notice" role="alert">
          {t("addArticle.failed", { message: error })}
        </p>
      )}
      <label>
        {t("addArticle.fields.title")}
        <input name="title" required maxLength={300} lang="id" />
      </label>
      <div className="field-row">
        <label>
          {t("addArticle.fields.source")}
          <input name="source" maxLength={200} />
        </label>
        <label>
          {t("addArticle.fields.publishedAt")}
          <input name="publishedAt" type="date" />
        </label>
      </div>
      <label>
        {t("addArticle.fields.text")}
        <textarea
          name="text"
          required
          rows={16}
          lang="id"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="text-hint"
        />
      </label>
      <p id="text-hint" className="muted">
        {t("addArticle.textHint")} {t("addArticle.characters", { count: text.length })}
      </p>
      <button type="submit" disabled={busy}>
        {busy ? t("addArticle.submitting") : t("addArticle.submit")}
      </button>
    </form>
  );
}
