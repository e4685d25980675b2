"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { ModelStatus } from "@/lib/translation/engine";
import { ProgressBar } from "./progress-bar";

const POLL_MS = 1000;

/**
 * The translation model's first download, as GET /api/health reports it: a
 * bar while it runs, and where it stopped when it failed. Asks again every
 * second while `watch` holds or the model is loading, until it is ready.
 */
export function ModelDownload({ initial, watch }: { initial: ModelStatus; watch: boolean }) {
  const t = useTranslations("modelDownload");
  const format = useFormatter();
  const [status, setStatus] = useState(initial);
  // A download under way is followed to its end, even once the page stopped waiting for it.
  const polling = status.state !== "ready" && (watch || status.state === "loading");

  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch("/api/health");
        const body = (await response.json()) as { model?: ModelStatus };
        if (!stopped && body.model) setStatus(body.model);
      } catch {
        // Offline for a moment: the next poll tries again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [polling]);

  const download = status.download;
  if (!download || status.state === "ready" || status.state === "idle") return null;
  const size = (bytes: number) =>
    format.number(bytes / 1e6, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  const sizes = { loaded: size(download.loaded), total: size(download.total) };
  if (status.state === "unavailable") {
    return (
      <div className="notice model-download" role="alert">
        <p>{t("stopped", sizes)}</p>
        {status.error && <p className="muted small">{t("reason", { reason: status.error })}</p>}
      </div>
    );
  }
  return (
    <div className="model-download" data-testid="model-download">
      <ProgressBar done={download.loaded} total={download.total} label={t("downloading", sizes)} />
    </div>
  );
}
