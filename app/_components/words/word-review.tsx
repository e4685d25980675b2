"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { splitAtSpans } from "@/lib/text/spans";
import {
  formSpans,
  WORD_STATUSES,
  type SavedWordRecord,
  type WordStatus,
} from "@/lib/words/records";
import { callApi, useApiErrorText } from "../api-client";

/** A context sentence with the word's place left blank. */
function Gapped({ source, form, gap }: { source: string; form: string; gap: string }) {
  return (
    <>
      {splitAtSpans(source, formSpans(source, form)).map((piece) =>
        piece.span ? (
          <span key={piece.start} className="review-gap" role="img" aria-label={gap}>
            {"\u00a0"}
          </span>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}

/**
 * Review of the words shown: a sentence each word was met in, with the word
 * blank; Space shows the word, its senses and the English; 1, 2, 3 set its
 * status and go on.
 */
export function WordReview({ words }: { words: SavedWordRecord[] }) {
  const t = useTranslations("words");
  const errorText = useApiErrorText();
  const router = useRouter();
  const queue = words.filter((w) => w.contexts.length > 0);
  const [open, setOpen] = useState(false);
  const [index, setIndex] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const [reviewed, setReviewed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLElement>(null);
  const word = queue[index];
  // The latest sentence: the one most recently met.
  const context = word?.contexts[word.contexts.length - 1];

  useEffect(() => {
    if (open) box.current?.focus();
  }, [open, index]);

  const next = () => {
    setRevealed(false);
    setIndex((i) => i + 1);
  };
  const move = async (status: WordStatus) => {
    if (!word) return;
    const r = await callApi(`/api/words/${word.id}`, { method: "PATCH", body: { status } });
    if (!r.ok) return setError(errorText(r));
    setError(null);
    setReviewed((n) => n + 1);
    next();
  };
  const finish = () => {
    setOpen(false);
    setIndex(0);
    setRevealed(false);
    router.refresh();
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.target as HTMLElement | null)?.closest("button, a, input, select, textarea"))
      if (event.key === " " || event.key === "Enter") return;
    const level = ["1", "2", "3"].indexOf(event.key);
    if (!revealed && (event.key === " " || event.key === "Enter")) setRevealed(true);
    else if (revealed && level >= 0) void move(WORD_STATUSES[level]!);
    else if (event.key === "Escape") finish();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const element = box.current;
    if (!open || !element) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    element.addEventListener("keydown", listener);
    return () => element.removeEventListener("keydown", listener);
  }, [open]);

  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)} disabled={queue.length === 0}>
          {t("reviewStart")}
        </button>
        {queue.length === 0 && <span className="muted small"> {t("reviewNone")}</span>}
      </p>
    );

  return (
    <section
      className="word-review"
      aria-label={t("reviewTitle")}
      ref={box}
      tabIndex={-1}
      data-testid="word-review"
    >
      <h2>{t("reviewTitle")}</h2>
      {!word || !context ? (
        <>
          <p role="status">{t("reviewDone", { count: reviewed })}</p>
          <button type="button" onClick={finish}>
            {t("reviewEnd")}
          </button>
        </>
      ) : (
        <>
          <p className="muted small">
            {t("reviewProgress", { done: index + 1, total: queue.length })}
          </p>
          <p className="muted">{t("reviewPrompt")}</p>
          <p className="review-sentence" lang="id">
            <Gapped source={context.source} form={context.form} gap={t("gap")} />
          </p>
          {!revealed ? (
            <button type="button" onClick={() => setRevealed(true)} aria-keyshortcuts="Space">
              {t("reveal")}
            </button>
          ) : (
            <div className="review-answer" aria-live="polite">
              <p>
                <strong lang="id" className="review-word">
                  {context.form}
                </strong>{" "}
                <span className="muted small">
                  {t("root")}: <span lang="id">{word.root}</span>
                </span>
              </p>
              {word.senses.length > 0 && (
                <p lang="en">{word.senses.map((s) => s.gloss).join("; ")}</p>
              )}
              {context.translation && (
                <p lang="en" className="review-english">
                  {context.translation}
                </p>
              )}
              <p className="muted small">{t("reviewMove")}</p>
              <div role="group" aria-label={t("statusLabel")} className="word-status">
                {WORD_STATUSES.map((s, i) => (
                  <button
                    key={s}
                    type="button"
                    aria-pressed={word.status === s}
                    aria-keyshortcuts={String(i + 1)}
                    onClick={() => void move(s)}
                  >
                    {i + 1} {t(`status.${s}`)}
                  </button>
                ))}
              </div>
            </div>
          )}
          <p>
            <button type="button" className="link-button" onClick={next}>
              {t("reviewNext")}
            </button>{" "}
            <button type="button" className="link-button" onClick={finish}>
              {t("reviewEnd")}
            </button>
          </p>
          {error && (
            <p className="notice" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
