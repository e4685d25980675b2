"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/lib/i18n/navigation";
import { callApi, useApiErrorText } from "./api-client";

/** An admin's "Make default": the model translates new articles from now on. */
export function DefaultModelButton({ model }: { model: string }) {
  const t = useTranslations("models");
  const errorText = useApiErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    setBusy(true);
    setError(null);
    const result = await callApi<{ defaultModel: string }>("/api/models/default", {
      method: "PUT",
      body: { model },
    });
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(t("failed", { message: errorText(result) }));
  };

  return (
    <>
      <button
        type="button"
        onClick={() => void choose()}
        disabled={busy}
        aria-label={t("makeDefaultLabel", { model })}
      >
        {busy ? t("saving") : t("makeDefault")}
      </button>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
