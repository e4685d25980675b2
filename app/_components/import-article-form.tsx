"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { AddressField } from "./address-field";
import type { EpubPreview } from "@/lib/extraction/import";
import { callApi, useApiErrorText } from "./api-client";

type Added = { slug: string; title: string };

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
  const [error, setError] = useState<{ message: string; slug?: string } | null>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An EPUB's chapters, listed before they are added; the chapters picked.
  const [book, setBook] = useState<EpubPreview | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [added, setAdded] = useState<Added[] | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let body: FormData | { url: string };
    let address = "/api/articles/import";
    if (from === "file") {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return;
      body = new FormData();
      body.set("file", file);
      if (/\.epub$/i.test(file.name)) {
        if (!book) address += "?preview=1";
        else body.set("chapters", [...picked].sort((a, b) => a - b).join(","));
      }
    } else {
      const url = String(form.get("url") ?? "").trim();
      if (url === "") return;
      body = { url };
    }
    setBusy(true);
    setError(null);
    setDuplicate(null);
    setAdded(null);
    const result = await callApi<{ slug: string; duplicate?: true; added?: Added[] } | EpubPreview>(
      address,
      { method: "POST", body },
    );
    setBusy(false);
    if (!result.ok) {
      // The same file added before: the article it made is one click away.
      const slug = typeof result.body.slug === "string" ? result.body.slug : undefined;
      setError({ message: errorText(result), slug });
    } else if ("chapters" in result.data) {
      setBook(result.data);
      setPicked(new Set(result.data.chapters.filter((c) => !c.existing).map((c) => c.index)));
    } else if (result.data.duplicate) setDuplicate(result.data.slug);
    else if ((result.data.added?.length ?? 0) > 1) {
      setAdded(result.data.added!);
      setBook(null);
    } else {
      setBusy(true);
      router.push(`/articles/${result.data.slug}`);
    }
  }

  return (
    <form className="add-article" onSubmit={(e) => void submit(e)}>
      {error && (
        <p className="notice" role="alert">
          {t("failed", { message: error.message })}
          {error.slug && (
            <>
              {" "}
              <Link href={`/articles/${error.slug}`}>{t("openDuplicate")}</Link>
            </>
          )}
        </p>
      )}
      {duplicate && (
        <p className="saved" role="status">
          {t("duplicate")} <Link href={`/articles/${duplicate}`}>{t("openDuplicate")}</Link>
        </p>
      )}
      {added && (
        <div className="saved" role="status">
          <p>{t("addedChapters", { count: added.length })}</p>
          <ul>
            {added.map((a) => (
              <li key={a.slug}>
                <Link href={`/articles/${a.slug}`}>{a.title}</Link>
              </li>
            ))}
          </ul>
        </div>
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
              onChange={() => {
                setBook(null);
                setAdded(null);
              }}
            />
          </label>
          <p id="import-hint" className="muted">
            {t("fileHint")}
          </p>
          {book && (
            <fieldset className="epub-chapters">
              <legend>
                {t("chaptersOf", { title: book.title })}
                {book.author && ` · ${book.author}`}
              </legend>
              {book.chapters.map((c) => (
                <label key={c.index} className="settings-row">
                  <input
                    type="checkbox"
                    checked={picked.has(c.index)}
                    disabled={c.existing !== null}
                    onChange={(e) => {
                      const next = new Set(picked);
                      if (e.target.checked) next.add(c.index);
                      else next.delete(c.index);
                      setPicked(next);
                    }}
                  />
                  <span>
                    {c.index}. {c.title}{" "}
                    <span className="muted small">
                      {t("chapterParagraphs", { count: c.paragraphs })}
                    </span>
                    {c.existing && (
                      <>
                        {" "}
                        <Link href={`/articles/${c.existing}`}>{t("chapterExisting")}</Link>
                      </>
                    )}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      <div>
        <button
          type="submit"
          className="primary"
          disabled={busy || (book !== null && picked.size === 0)}
        >
          {busy
            ? t(from === "link" ? "fetching" : "importing")
            : book
              ? t("submitChapters", { count: picked.size })
              : t(from === "link" ? "submitLink" : "submitFile")}
        </button>
      </div>
    </form>
  );
}
