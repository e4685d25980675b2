"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { AddressField } from "./address-field";
import { callApi, useApiErrorText } from "./api-client";

/**
 * Adds an article from a news page's address or from a file (POST
 * /api/articles/import), then opens it; a story already in the library is
 * not added again, and the form links to it instead.
 */
export function ImportArticleForm({
  from,
  types = [],
}: {
  from: "link" | "file";
  /** The file endings the server reads (the file tab). */
  types?: string[];
}) {
  const t = useTranslations("addArticle");
  const router = useRouter();
  const errorText = useApiErrorText();
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let body: FormData | { url: string };
    if (from === "file") {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return;
      body = new FormData();
      body.set("file", file);
    } else {
      const url = String(form.get("url") ?? "").trim();
      if (url === "") return;
      body = { url };
    }
    setBusy(true);
    setError(null);
    setDuplicate(null);
    const result = await callApi<{ slug: string; duplicate?: true }>("/api/articles/import", {
      method: "POST",
      body,
    });
    if (!result.ok) {
      setError(errorText(result));
      setBusy(false);
    } else if (result.data.duplicate) {
      setDuplicate(result.data.slug);
      setBusy(false);
    } else router.push(`/articles/${result.data.slug}`);
  }

  return (
    <form className="add-article" onSubmit={(e) => void submit(e)}>
      {error && (
        <p className="notice" role="alert">
          {t("failed", { message: error })}
        </p>
      )}
      {duplicate && (
        <p className="saved" role="status">
          {t("duplicate")} <Link href={`/articles/${duplicate}`}>{t("openDuplicate")}</Link>
        </p>
      )}
      {from === "link" ? (
        <AddressField id="import" label={t("fields.url")} hint={t("linkHint")} />
      ) : (
        <>
          <label>
            {t("fields.file")}
            <input
              name="file"
              type="file"
              required
              accept={types.join(",")}
              aria-describedby="import-hint"
            />
          </label>
          <p id="import-hint" className="muted">
            {t("fileHint")}
          </p>
        </>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy
            ? t(from === "link" ? "fetching" : "importing")
            : t(from === "link" ? "submitLink" : "submitFile")}
        </button>
      </div>
    </form>
  );
}
