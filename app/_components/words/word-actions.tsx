"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { WORD_STATUSES, type WordStatus } from "@/lib/words/records";
import { callApi, useApiErrorText } from "../api-client";

/** A saved word's status buttons and its removal, on the Words page. */
export function WordActions({ id, status }: { id: number; status: WordStatus }) {
  const t = useTranslations("words");
  const errorText = useApiErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  const change = async (init: { method: string; body?: unknown }) => {
    const r = await callApi(`/api/words/${id}`, init);
    if (!r.ok) return setError(errorText(r));
    setError(null);
    router.refresh();
  };

  return (
    <div className="word-actions">
      <div role="group" aria-label={t("statusLabel")} className="word-status">
        {WORD_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            onClick={() => void change({ method: "PATCH", body: { status: s } })}
          >
            {t(`status.${s}`)}
          </button>
        ))}
        <button
          type="button"
          className="link-button"
          onClick={() => void change({ method: "DELETE" })}
        >
          {t("remove")}
        </button>
      </div>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
