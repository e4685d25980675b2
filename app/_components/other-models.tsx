"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Alternative } from "@/lib/translation/alternatives";
import { callApi, useApiErrorText } from "./api-client";

type State =
  | { phase: "loading" }
  | { phase: "shown"; alternative: Alternative }
  | { phase: "failed"; message: string };

/**
 * "Translate with <model>" for each other installed model: what that model
 * writes for the sentence, beside the current text, made on demand (nothing
 * is stored until an editor chooses it).
 */
export function OtherModels({
  segmentId,
  current,
  models,
  canChoose,
  busy,
  onChoose,
}: {
  segmentId: number;
  /** The sentence's current English, to compare with. */
  current: string | null;
  models: string[];
  canChoose: boolean;
  busy: boolean;
  onChoose(alternative: Alternative): void;
}) {
  const t = useTranslations("editor");
  const errorText = useApiErrorText();
  const [states, setStates] = useState<Record<string, State>>({});

  const ask = async (model: string) => {
    setStates((prev) => ({ ...prev, [model]: { phase: "loading" } }));
    const result = await callApi<Alternative>(
      `/api/segments/${segmentId}/alternatives?model=${encodeURIComponent(model)}`,
    );
    setStates((prev) => ({
      ...prev,
      [model]: result.ok
        ? { phase: "shown", alternative: result.data }
        : { phase: "failed", message: errorText(result) },
    }));
  };

  if (models.length === 0) return null;
  return (
    <section className="other-models" aria-label={t("otherModels")}>
      <p className="label">{t("otherModels")}</p>
      <ul>
        {models.map((model) => {
          const state = states[model];
          return (
            <li key={model} data-model={model}>
              <button
                type="button"
                onClick={() => void ask(model)}
                disabled={state?.phase === "loading"}
              >
                {t("translateWith", { model })}
              </button>
              {state?.phase === "loading" && (
                <p className="muted small" role="status">
                  <span className="spinner" aria-hidden="true" /> {t("translatingWith", { model })}
                </p>
              )}
              {state?.phase === "failed" && (
                <p className="notice" role="alert">
                  {state.message}
                </p>
              )}
              {state?.phase === "shown" && (
                <div className="alternative">
                  <div className="alternative-columns">
                    <div>
                      <p className="label">{t("currentText")}</p>
                      <p lang="en">{current ?? "…"}</p>
                    </div>
                    <div>
                      <p className="label">{t("modelText", { model })}</p>
                      <p lang="en" className="alternative-text">
                        {state.alternative.text}
                      </p>
                      {state.alternative.decoding && (
                        <p className="muted small">
                          {t("decoding", { decoding: state.alternative.decoding })}
                        </p>
                      )}
                    </div>
                  </div>
                  {canChoose && (
                    <button
                      type="button"
                      className="primary"
                      disabled={busy || state.alternative.text.trim() === ""}
                      onClick={() => onChoose(state.alternative)}
                    >
                      {t("useAlternative")}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
