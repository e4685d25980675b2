"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ArticleView, SegmentView } from "@/lib/articles/queries";
import type { ModelStatus } from "@/lib/translation/engine";
import type { TranslationEvent } from "@/lib/translation/queue";
import { ProgressBar } from "./progress-bar";

type Layout = "side" | "interleaved" | "source";
const LAYOUTS: Layout[] = ["side", "interleaved", "source"];
const LAYOUT_KEY = "dwibahasa.layout";

type Translation = SegmentView["translation"];
type Phase = "idle" | "running" | "done" | "error";

function countTranslated(translations: Map<number, Translation>): number {
  let n = 0;
  for (const t of translations.values()) if (t) n++;
  return n;
}

/** Reads an NDJSON response line by line. */
async function* readEvents(response: Response): AsyncGenerator<TranslationEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as TranslationEvent;
    }
  }
}

export function Reader({ article, model }: { article: ArticleView; model: ModelStatus }) {
  const t = useTranslations("reader");
  const format = useFormatter();
  const segments = article.paragraphs.flatMap((p) => p.segments);
  const total = segments.length;
  const [translations, setTranslations] = useState(() => new Map(segments.map((s) => [s.id, s.translation])));
  const [phase, setPhase] = useState<Phase>("idle");
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(
    model.state === "unavailable" ? { message: model.error ?? "", hint: model.hint } : null,
  );
  const [layout, setLayout] = useState<Layout>("side");
  const [activeId, setActiveId] = useState<number | null>(null);
  const started = useRef(false);

  useEffect(() => {
    const saved = window.localStorage.getItem(LAYOUT_KEY);
    if (saved && (LAYOUTS as string[]).includes(saved)) setLayout(saved as Layout);
  }, []);

  const chooseLayout = (next: Layout) => {
    setLayout(next);
    window.localStorage.setItem(LAYOUT_KEY, next);
  };

  const translate = useCallback(
    async (retranslate: boolean) => {
      setPhase("running");
      setFailure(null);
      try {
        const response = await fetch(`/api/articles/${encodeURIComponent(article.slug)}/translate${retranslate ? "?retranslate=1" : ""}`, {
          method: "POST",
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => ({}))) as { error?: string };
          throw new Error(body.error ?? response.statusText);
        }
        for await (const event of readEvents(response)) {
          if (event.type === "segment") {
            setTranslations((prev) =>
              new Map(prev).set(event.segmentId, {
                text: event.text,
                origin: event.origin,
                revisionId: event.revisionId,
                outdated: false,
                reviewed: false,
                createdAt: new Date().toISOString(),
              }),
            );
          } else if (event.type === "done") {
            setPhase("done");
          } else if (event.type === "error") {
            setFailure({ message: event.message, hint: event.hint });
            setPhase("error");
          }
        }
      } catch (error) {
        setFailure({ message: error instanceof Error ? error.message : String(error) });
        setPhase("error");
      }
    },
    [article.slug],
  );

  useEffect(() => {
    if (started.current || model.state === "unavailable") return;
    const needsWork = segments.some((s) => !s.translation || (s.translation.outdated && s.translation.origin === "machine"));
    if (needsWork) {
      started.current = true;
      void translate(false);
    }
  }, [model.state, segments, translate]);

  const done = countTranslated(translations);
  const modelMissing = failure?.hint !== undefined;

  const sentenceProps = (id: number) => ({
    "data-segment-id": id,
    tabIndex: 0,
    className: `sentence${activeId === id ? " active" : ""}`,
    onMouseEnter: () => setActiveId(id),
    onMouseLeave: () => setActiveId((current) => (current === id ? null : current)),
    onFocus: () => setActiveId(id),
    onBlur: () => setActiveId((current) => (current === id ? null : current)),
    onTouchStart: () => setActiveId(id),
  });

  return (
    <div className="reader">
      <div className="reader-toolbar">
        <fieldset className="layout-switch">
          <legend>{t("layout")}</legend>
          {LAYOUTS.map((l) => (
            <label key={l} className={layout === l ? "selected" : undefined}>
              <input type="radio" name="layout" value={l} checked={layout === l} onChange={() => chooseLayout(l)} />
              {t(`layouts.${l}`)}
            </label>
          ))}
        </fieldset>
        <div className="translation-status" aria-live="polite">
          <ProgressBar
            done={done}
            total={total}
            label={t("progress", { done: format.number(done), total: format.number(total) })}
          />
          {phase === "running" && <span className="muted">{t("translating")}</span>}
        </div>
        <button type="button" onClick={() => void translate(true)} disabled={phase === "running"} title={t("retranslateHint")}>
          {t("retranslate")}
        </button>
      </div>

      {failure && (
        <div className="notice" role="alert">
          <p>{modelMissing ? t("modelUnavailable") : t("error", { message: failure.message })}</p>
          {modelMissing && (
            <>
              <p className="muted">{failure.message}</p>
              <p>
                <strong>{t("howToInstall")}</strong> <code>{failure.hint}</code>
              </p>
            </>
          )}
          {!modelMissing && (
            <button type="button" onClick={() => void translate(false)}>
              {t("retry")}
            </button>
          )}
        </div>
      )}

      <div className={`bitext layout-${layout}`}>
        <div className="bitext-head" aria-hidden="true">
          <span lang="id">{t("source")}</span>
          <span lang="en">{t("translation")}</span>
        </div>
        {article.paragraphs.map((paragraph) => (
          <div className="para-row" key={paragraph.index}>
            <p lang="id" className="para source">
              {paragraph.segments.map((s) => (
                <span key={s.id} {...sentenceProps(s.id)}>
                  {s.source}{" "}
                </span>
              ))}
            </p>
            <p lang="en" className="para target">
              {paragraph.segments.map((s) => {
                const translation = translations.get(s.id);
                return translation ? (
                  <span key={s.id} {...sentenceProps(s.id)} data-origin={translation.origin}>
                    {translation.text}{" "}
                  </span>
                ) : (
                  <span key={s.id} {...sentenceProps(s.id)} data-pending="true" aria-label={t("notTranslated")}>
                    …{" "}
                  </span>
                );
              })}
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}
