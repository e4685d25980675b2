"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { SegmentView } from "@/lib/articles/queries";
import type { HistoryEntry } from "@/lib/revisions/history";
import type { MemorySuggestion } from "@/lib/memory/suggest";
import type { Alternative } from "@/lib/translation/alternatives";
import { callApi, useApiErrorText, type ApiFailure } from "./api-client";
import { DiffText } from "./diff-text";
import { discardDraft, loadDraft, storeDraft } from "./drafts";
import { OtherModels } from "./other-models";
import { useModelChoice } from "./reader/model-choice";

type Translation = NonNullable<SegmentView["translation"]>;

interface Saved {
  revisionId: number;
  text: string;
  origin: Translation["origin"];
  propagated: number;
}

/** The other text a conflict offers to save instead: the typed draft, or another model's translation. */
interface Mine {
  label: string;
  text: string;
  /** The button that saves it. */
  action: string;
  /** Saves it again on top of the revision that was saved meanwhile. */
  retry(baseRevisionId: number): void;
}

interface Props {
  segment: { id: number; source: string };
  translation: SegmentView["translation"];
  onSaved(translation: Translation, propagated: number): void;
  onClose(): void;
}

/** Edits one sentence's translation in place, with history, memory suggestions and conflict handling. */
export function SegmentEditor({ segment, translation, onSaved, onClose }: Props) {
  const t = useTranslations("editor");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const baseId = translation?.revisionId ?? null;
  const [initial] = useState(() => loadDraft(segment.id));
  const [text, setText] = useState(initial?.text ?? translation?.text ?? "");
  const [base, setBase] = useState<number | null>(initial?.baseRevisionId ?? baseId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{
    revisionId: number;
    text: string;
    mine: Mine;
  } | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [suggestions, setSuggestions] = useState<MemorySuggestion[]>([]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const models = useModelChoice();
  // Every model that may translate here, but the one that wrote the current text.
  const otherModels =
    models.available.length > 1
      ? models.available.filter((id) => id !== (translation?.modelId ?? models.defaultModel))
      : [];

  useEffect(() => {
    textarea.current?.focus();
    void callApi<MemorySuggestion[]>(`/api/segments/${segment.id}/suggestions`).then(
      (r) => r.ok && setSuggestions(r.data),
    );
  }, [segment.id]);

  const change = (value: string) => {
    setText(value);
    const dirty = value !== (translation?.text ?? "");
    if (dirty) storeDraft(segment.id, { text: value, baseRevisionId: base });
    else discardDraft(segment.id);
  };

  const finish = (saved: Saved) => {
    discardDraft(segment.id);
    onSaved(
      {
        text: saved.text,
        origin: saved.origin,
        revisionId: saved.revisionId,
        outdated: false,
        reviewed: true,
        createdAt: new Date().toISOString(),
        // Checked by a person: the model's confidence and flags no longer apply.
        confidence: null,
        flags: [],
        // A check keeps the model's text, so the model that wrote it still stands.
        modelId: saved.origin === "machine" ? (translation?.modelId ?? null) : null,
      },
      saved.propagated,
    );
  };

  // The typed text, saved again on top of theirs.
  const draftMine = (): Mine => ({
    label: t("conflictMine"),
    text,
    action: t("useMine"),
    retry: (revisionId) => {
      setBase(revisionId);
      storeDraft(segment.id, { text, baseRevisionId: revisionId });
      void save(revisionId);
    },
  });

  const handleFailure = (result: ApiFailure, mine: Mine = draftMine()) => {
    if (result.status === 409) {
      const current = result.body.current as { revisionId: number; text: string } | null;
      setConflict(current ? { ...current, mine } : null);
      setError(null);
    } else {
      setError(t("failed", { message: errorText(result) }));
    }
  };

  const save = async (baseRevisionId: number | null = base) => {
    setBusy(true);
    const result = await callApi<Saved>(`/api/segments/${segment.id}/translation`, {
      method: "PUT",
      body: { text, baseRevisionId },
    });
    setBusy(false);
    if (result.ok) finish(result.data);
    else handleFailure(result);
  };

  const review = async () => {
    if (!translation) return;
    setBusy(true);
    const result = await callApi<Saved>(`/api/segments/${segment.id}/review`, {
      method: "POST",
      body: { baseRevisionId: translation.revisionId },
    });
    setBusy(false);
    if (result.ok) finish(result.data);
    else handleFailure(result);
  };

  const restore = async (revisionId: number) => {
    setBusy(true);
    const result = await callApi<Saved>(`/api/segments/${segment.id}/revert`, {
      method: "POST",
      body: { revisionId, baseRevisionId: base },
    });
    setBusy(false);
    if (result.ok) finish(result.data);
    else handleFailure(result);
  };

  /** Stores another model's translation as the sentence's machine text, on the revision shown. */
  const choose = async (alternative: Alternative, baseRevisionId: number | null = baseId) => {
    setBusy(true);
    const result = await callApi<Alternative & { revisionId: number }>(
      `/api/segments/${segment.id}/alternatives`,
      { method: "POST", body: { model: alternative.modelId, baseRevisionId } },
    );
    setBusy(false);
    if (result.ok) {
      // An unsaved draft stays: it is the reader's own text, not replaced by the model's.
      onSaved(
        {
          text: result.data.text,
          origin: "machine",
          revisionId: result.data.revisionId,
          outdated: false,
          reviewed: false,
          createdAt: new Date().toISOString(),
          confidence: result.data.confidence,
          flags: result.data.flags,
          modelId: result.data.modelId,
        },
        0,
      );
    } else {
      handleFailure(result, {
        label: t("modelText", { model: alternative.modelId }),
        text: alternative.text,
        action: t("useModelInstead", { model: alternative.modelId }),
        retry: (revisionId) => {
          setConflict(null);
          void choose(alternative, revisionId);
        },
      });
    }
  };

  /** Which model wrote a machine revision, and how it decoded (its exact revision on hover). */
  const modelLine = (r: HistoryEntry) => (
    <span className="history-model" title={r.modelRevision ?? undefined}>
      {r.decoding
        ? t("modelDecoding", { model: r.modelId ?? "", decoding: r.decoding })
        : t("model", { model: r.modelId ?? "" })}
    </span>
  );

  const toggleHistory = async () => {
    const next = !showHistory;
    setShowHistory(next);
    if (next) {
      const result = await callApi<HistoryEntry[]>(`/api/segments/${segment.id}/history`);
      if (result.ok) setHistory(result.data);
    }
  };

  const keepTheirs = () => {
    if (!conflict) return;
    discardDraft(segment.id);
    onSaved(
      {
        text: conflict.text,
        origin: "human",
        revisionId: conflict.revisionId,
        outdated: false,
        reviewed: true,
        createdAt: new Date().toISOString(),
        // Checked by a person: the model's confidence and flags no longer apply.
        confidence: null,
        flags: [],
        modelId: null,
      },
      0,
    );
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div
      className="segment-editor"
      role="group"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      data-editor-for={segment.id}
    >
      <h3 id={titleId} className="visually-hidden">
        {t("title")}
      </h3>
      <p className="editor-source">
        <span className="label">{t("sourceLabel")}</span> <span lang="id">{segment.source}</span>
      </p>
      {initial && <p className="muted">{t("draftRestored")}</p>}
      <label className="visually-hidden" htmlFor={`${titleId}-text`}>
        {t("translationLabel")}
      </label>
      <textarea
        id={`${titleId}-text`}
        ref={textarea}
        lang="en"
        rows={3}
        value={text}
        onChange={(e) => change(e.target.value)}
        maxLength={5000}
      />
      <p className="muted small">{t("saveHint")}</p>

      {conflict && (
        <div className="conflict" role="alert">
          <p>
            <strong>{t("conflictTitle")}</strong>
          </p>
          <div className="conflict-columns">
            <div>
              <p className="label">{t("conflictTheirs")}</p>
              <p lang="en" className="conflict-theirs">
                {conflict.text}
              </p>
              <button type="button" onClick={keepTheirs}>
                {t("keepTheirs")}
              </button>
            </div>
            <div>
              <p className="label">{conflict.mine.label}</p>
              <p lang="en" className="conflict-mine">
                {conflict.mine.text}
              </p>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setConflict(null);
                  conflict.mine.retry(conflict.revisionId);
                }}
              >
                {conflict.mine.action}
              </button>
            </div>
          </div>
        </div>
      )}
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}

      <div className="editor-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
          disabled={busy || conflict !== null}
        >
          {busy ? t("saving") : t("save")}
        </button>
        {translation && !translation.reviewed && (
          <button
            type="button"
            onClick={() => void review()}
            disabled={busy}
            title={t("reviewHint")}
          >
            {t("review")}
          </button>
        )}
        <button type="button" onClick={() => void toggleHistory()} aria-expanded={showHistory}>
          {showHistory ? t("hideHistory") : t("history")}
        </button>
        <button
          type="button"
          onClick={() => {
            discardDraft(segment.id);
            onClose();
          }}
        >
          {t("discard")}
        </button>
        <button type="button" onClick={onClose}>
          {t("close")}
        </button>
      </div>

      {suggestions.length > 0 && (
        <section className="suggestions" aria-label={t("suggestions")}>
          <p className="label">{t("suggestions")}</p>
          <ul>
            {suggestions.map((s) => (
              <li key={s.revisionId ?? `unit-${s.memoryUnitId}`}>
                <span className="badge">{t("matchPercent", { percent: s.percent })}</span>{" "}
                <span lang="id">
                  <DiffText parts={s.diff} />
                </span>
                <br />
                <span lang="en">{s.translation}</span>{" "}
                <button type="button" onClick={() => change(s.translation)}>
                  {t("useSuggestion")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <OtherModels
        segmentId={segment.id}
        current={translation?.text ?? null}
        models={otherModels}
        canChoose={models.canEdit}
        busy={busy || conflict !== null}
        onChoose={(alternative) => void choose(alternative)}
      />

      {showHistory && (
        <section className="history" aria-label={t("history")}>
          {history === null ? (
            <p className="muted">{t("loading")}</p>
          ) : history.length === 0 ? (
            <p className="muted">{t("noHistory")}</p>
          ) : (
            <ol>
              {history.map((r) => (
                <li key={r.revisionId} data-revision-id={r.revisionId}>
                  <p className="muted small">
                    {format.dateTime(new Date(r.createdAt), {
                      dateStyle: "medium",
                      timeStyle: "short",
                    })}{" "}
                    ·{" "}
                    {t("revisionBy", {
                      event: t(`event.${r.event as "edit"}`),
                      origin: t(`origin.${r.origin as "human"}`),
                    })}
                    {r.author?.name && (
                      <>
                        {" "}
                        ·{" "}
                        <span className="history-author">
                          {t("author", { name: r.author.name })}
                        </span>
                      </>
                    )}
                    {r.modelId && <> · {modelLine(r)}</>}
                    {r.current && (
                      <>
                        {" "}
                        · <strong>{t("current")}</strong>
                      </>
                    )}
                  </p>
                  <p lang="en" className="history-text">
                    {r.diff ? <DiffText parts={r.diff} /> : r.text}
                  </p>
                  {!r.current && (
                    <button
                      type="button"
                      onClick={() => void restore(r.revisionId)}
                      disabled={busy}
                    >
                      {t("restore")}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
