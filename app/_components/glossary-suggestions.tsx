"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { MiningSuggestion } from "@/lib/glossary/mining";
import { GLOSSARY_CATEGORIES, type GlossaryCategory } from "@/lib/glossary/types";
import { callApi, useApiErrorText } from "./api-client";

const DEFAULT_CATEGORY: Record<MiningSuggestion["kind"], GlossaryCategory> = {
  acronym: "acronym",
  name: "person",
  phrase: "phrase",
};

/** Terms mined from the library: accept with an English rendering, or dismiss for good. */
export function GlossarySuggestions() {
  const t = useTranslations("glossary");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const [items, setItems] = useState<MiningSuggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void callApi<MiningSuggestion[]>("/api/glossary/suggestions").then((r) =>
      r.ok ? setItems(r.data) : setError(errorText(r)),
    );
  }, [errorText]);

  const drop = (text: string) => setItems((prev) => prev?.filter((s) => s.text !== text) ?? null);

  async function accept(s: MiningSuggestion, form: HTMLFormElement) {
    const data = new FormData(form);
    const result = await callApi("/api/glossary", {
      method: "POST",
      body: {
        term: s.text,
        translation: String(data.get("translation") ?? ""),
        category: String(data.get("category")),
        aliases: [],
        note: "",
      },
    });
    if (result.ok) drop(s.text);
    else setError(`${s.text}: ${errorText(result)}`);
  }

  async function dismiss(s: MiningSuggestion) {
    const result = await callApi("/api/glossary/suggestions/dismiss", {
      method: "POST",
      body: { text: s.text },
    });
    if (result.ok) drop(s.text);
    else setError(errorText(result));
  }

  return (
    <section>
      <p className="muted">{t("suggestionsIntro")}</p>
      {error && (
        <p className="notice" role="alert">
          {t("failed", { message: error })}
        </p>
      )}
      {items === null ? null : items.length === 0 ? (
        <p>{t("noSuggestions")}</p>
      ) : (
        <ul className="suggestion-list">
          {items.map((s) => (
            <li key={s.text} data-suggestion={s.text}>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void accept(s, e.currentTarget);
                }}
              >
                <strong lang="id">{s.text}</strong>{" "}
                <span className="badge">{t(`kind.${s.kind}`)}</span>{" "}
                <span className="muted small">
                  {t("suggestionStats", {
                    articles: format.number(s.articleCount),
                    occurrences: format.number(s.occurrenceCount),
                  })}
                </span>
                <span className="suggestion-actions">
                  <input
                    name="translation"
                    required
                    lang="en"
                    aria-label={t("englishFor", { text: s.text })}
                    placeholder={t("fields.translation")}
                  />
                  <select
                    name="category"
                    defaultValue={DEFAULT_CATEGORY[s.kind]}
                    aria-label={t("fields.category")}
                  >
                    {GLOSSARY_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {t(`categories.${c}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t("accept")}</button>
                  <button type="button" onClick={() => void dismiss(s)}>
                    {t("dismiss")}
                  </button>
                </span>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
