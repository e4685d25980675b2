"use client";

import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import {
  wordKey,
  WORD_STATUSES,
  type SavedWordRecord,
  type WordMark,
  type WordStatus,
} from "@/lib/words/records";
import { Link } from "@/lib/i18n/navigation";
import { callApi, useApiErrorText } from "./api-client";

type Saved = SavedWordRecord & { contextAdded?: boolean };

/** Keys typed here belong to the field, not to the panel's shortcuts. */
const TYPING = "textarea, input, select";

/**
 * The look-up panel's part for learning: save the word as met in this
 * sentence (S), set its status (1 new, 2 learning, 3 known), write a note,
 * remove it. A word already saved gains this sentence as a context on opening.
 */
export function WordSave({
  form,
  segmentId,
  mark,
  onChange,
}: {
  form: string;
  segmentId: number;
  mark: WordMark | undefined;
  onChange(key: string, mark: WordMark | null): void;
}) {
  const t = useTranslations("words");
  const errorText = useApiErrorText();
  const [word, setWord] = useState<Saved | null>(null);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const key = wordKey(form);
  const status = word?.status ?? mark?.status;

  const accept = (saved: Saved, text: string | null) => {
    setWord(saved);
    setNote(saved.note);
    onChange(key, { id: saved.id, key, status: saved.status });
    if (text) setMessage({ ok: true, text });
  };

  const save = async () => {
    setBusy(true);
    const r = await callApi<Saved>("/api/words", { method: "POST", body: { form, segmentId } });
    setBusy(false);
    if (!r.ok) return setMessage({ ok: false, text: errorText(r) });
    accept(r.data, r.status === 201 ? t("savedMessage") : null);
  };

  // Met again: a saved word looked up in another sentence keeps that sentence too
  // (once, when the panel opens on it; the server ignores a sentence it has).
  const meet = useEffectEvent(() => {
    if (mark === undefined) return;
    void callApi<Saved>("/api/words", { method: "POST", body: { form, segmentId } }).then((r) => {
      if (r.ok) accept(r.data, r.data.contextAdded ? t("contextAdded") : null);
    });
  });
  useEffect(() => meet(), []);

  const setStatus = async (next: WordStatus) => {
    const id = word?.id ?? mark?.id;
    if (id === undefined) return;
    const r = await callApi<Saved>(`/api/words/${id}`, { method: "PATCH", body: { status: next } });
    if (!r.ok) return setMessage({ ok: false, text: errorText(r) });
    accept(r.data, t("statusChanged", { status: t(`status.${next}`) }));
  };

  const saveNote = async () => {
    if (!word) return;
    const r = await callApi<Saved>(`/api/words/${word.id}`, { method: "PATCH", body: { note } });
    if (!r.ok) return setMessage({ ok: false, text: errorText(r) });
    accept(r.data, t("noteSaved"));
  };

  const remove = async () => {
    const id = word?.id ?? mark?.id;
    if (id === undefined) return;
    const r = await callApi(`/api/words/${id}`, { method: "DELETE" });
    if (!r.ok) return setMessage({ ok: false, text: errorText(r) });
    setWord(null);
    onChange(key, null);
    setMessage({ ok: true, text: t("removedMessage") });
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || target?.closest(TYPING)) return;
    const index = ["1", "2", "3"].indexOf(event.key);
    if ((event.key === "s" || event.key === "S") && status === undefined && !busy) void save();
    else if (index >= 0 && status !== undefined) void setStatus(WORD_STATUSES[index]!);
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const panel = box.current?.closest(".lookup-panel");
    if (!panel) return;
    const listener = (event: Event) => onKey(event as KeyboardEvent);
    panel.addEventListener("keydown", listener);
    return () => panel.removeEventListener("keydown", listener);
  }, []);

  return (
    <div className="word-save" ref={box}>
      {status === undefined ? (
        <button type="button" onClick={() => void save()} disabled={busy} aria-keyshortcuts="S">
          {t("save")}
        </button>
      ) : (
        <>
          <div role="group" aria-label={t("statusLabel")} className="word-status">
            {WORD_STATUSES.map((s, i) => (
              <button
                key={s}
                type="button"
                aria-pressed={status === s}
                aria-keyshortcuts={String(i + 1)}
                data-status={s}
                onClick={() => void setStatus(s)}
              >
                {i + 1} {t(`status.${s}`)}
              </button>
            ))}
          </div>
          {word && (
            <label className="word-note">
              {t("note")}
              <textarea
                value={note}
                maxLength={2000}
                rows={2}
                onChange={(e) => setNote(e.target.value)}
                onBlur={() => {
                  if (note.trim() !== word.note) void saveNote();
                }}
              />
            </label>
          )}
          <p className="word-save-links">
            <Link href="/words">{t("openList")}</Link>{" "}
            <button type="button" className="link-button" onClick={() => void remove()}>
              {t("remove")}
            </button>
          </p>
        </>
      )}
      {message && (
        <p className={message.ok ? "saved" : "notice"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
