"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Link } from "@/lib/i18n/navigation";

/**
 * A page that failed while rendering (the database is unreachable, say). The
 * header and language switch stay; the reader can retry without reloading.
 */
export default function PageError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="page" role="alert">
      <h1>{t("failedTitle")}</h1>
      <p>{t("failed")}</p>
      {error.digest && <p className="muted small">{t("reference", { digest: error.digest })}</p>}
      <p>
        <button type="button" onClick={() => retry()}>
          {t("retry")}
        </button>{" "}
        <Link href="/">{t("home")}</Link>
      </p>
    </div>
  );
}
