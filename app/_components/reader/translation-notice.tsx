"use client";

import { useTranslations } from "next-intl";
import { useApiErrorText } from "../api-client";
import type { TranslationFailure } from "./use-translation";

/** Why the English column is incomplete: a missing model (with how to install it) or a stopped job. */
export function TranslationNotice({
  failure,
  onRetry,
}: {
  failure: TranslationFailure;
  onRetry(): void;
}) {
  const t = useTranslations("reader");
  const errorText = useApiErrorText();
  const install = failure.install;
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  if (!install) {
    return (
      <div className="notice" role="alert">
        <p>{errorText(failure)}</p>
        <button type="button" onClick={onRetry}>
          {t("retry")}
        </button>
      </div>
    );
  }
  return (
    <div className="notice" role="alert">
      <p>{t("modelUnavailable")}</p>
      <p>
        <strong>{t("howToInstall")}</strong>{" "}
        {install.command
          ? t.rich("installWithCommand", { command: install.command, folder: install.folder, code })
          : t.rich("installFolder", { folder: install.folder, code })}
      </p>
      <p className="muted small">{t("technicalReason", { reason: failure.error })}</p>
    </div>
  );
}
