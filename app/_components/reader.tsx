"use client";

import { useFormatter, useTranslations } from "next-intl";
import {
  Fragment,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from "react";
import {
  buildEnglishMatcher,
  buildMatcher,
  sourcePatterns,
  targetPatterns,
} from "@/lib/glossary/matcher";
import type { ArticleView, SegmentView } from "@/lib/articles/queries";
import type { ModelStatus } from "@/lib/translation/engine";
import type { TranslationEvent } from "@/lib/translation/queue";
import { Link } from "@/lib/i18n/navigation";
import { callApi, useApiErrorText, type ApiFailure } from "./api-client";
import { draftIds } from "./drafts";
import { ProgressBar } from "./progress-bar";
import { isSingleWord, wordAt } from "@/lib/text/words";
import { LookupPanel, type LookupRequest } from "./lookup-panel";
import { SegmentEditor } from "./segment-editor";
import { ShortcutsHelp } from "./shortcuts-help";
import { TermText, type ReaderTerm } from "./term-text";

type Layout = "side" | "interleaved" | "source";
const LAYOUTS: Layout[] = ["side", "interleaved", "source"];
const LAYOUT_KEY = "dwibahasa.layout";
const POSITION_KEY = "dwibahasa.position.";

type Translation = SegmentView["translation"];
/** Why translation stopped: an API error or a stream error event (with install steps when the model is missing). */
type TranslationFailure = Pick<ApiFailure, "error" | "code" | "params"> & {
  install?: ModelStatus["install"];
};
type Phase = "idle" | "running" | "done" | "error";

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

function translationMap(article: ArticleView): Map<number, Translation> {
  return new Map(
    article.paragraphs.flatMap((p) => p.segments.map((s) => [s.id, s.translation] as const)),
  );
}

export function Reader({
  article,
  model,
  terms,
}: {
  article: ArticleView;
  model: ModelStatus;
  terms: ReaderTerm[];
}) {
  const t = useTranslations("reader");
  const tShortcuts = useTranslations("shortcuts");
  const format = useFormatter();
  const segments = article.paragraphs.flatMap((p) => p.segments);
  const total = segments.length;
  const [translations, setTranslations] = useState(() => translationMap(article));
  const [phase, setPhase] = useState<Phase>("idle");
  const [failure, setFailure] = useState<TranslationFailure | null>(
    model.state === "unavailable"
      ? {
          error: model.error ?? "",
          code: "modelUnavailable",
          params: { model: model.id },
          install: model.install,
        }
      : null,
  );
  const errorText = useApiErrorText();
  const [layout, setLayout] = useState<Layout>("side");
  const [activeId, setActiveId] = useState<number | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [drafts, setDrafts] = useState<Set<number>>(new Set());
  const [lookup, setLookup] = useState<LookupRequest | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const started = useRef(false);
  // Built once per page from the whole glossary; each sentence is then one pass.
  const glossary = useMemo(
    () =>
      terms.length === 0
        ? null
        : {
            byId: new Map(terms.map((e) => [e.id, e])),
            source: buildMatcher(sourcePatterns(terms)),
            english: buildEnglishMatcher(targetPatterns(terms)),
          },
    [terms],
  );
  const termMap = glossary?.byId ?? new Map<number, ReaderTerm>();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const saved = window.localStorage.getItem(LAYOUT_KEY);
    if (saved && (LAYOUTS as string[]).includes(saved)) setLayout(saved as Layout);
    setDrafts(draftIds());
    // Links from the glossary and search point at a sentence: "#s-<segment id>".
    const match = /^#s-(\d+)$/.exec(window.location.hash);
    const position = Number(window.localStorage.getItem(POSITION_KEY + article.slug));
    const target = match ? Number(match[1]) : position > 0 ? position : null;
    if (target !== null) {
      if (match) setActiveId(target);
      document.getElementById(`s-${target}`)?.scrollIntoView({ block: match ? "center" : "start" });
    }
    // Remember the reading position: the first sentence at the top of the window.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const first = [...document.querySelectorAll<HTMLElement>(".para.source .sentence")].find(
          (el) => el.getBoundingClientRect().bottom > 80,
        );
        const id = first?.dataset.segmentId;
        if (id) window.localStorage.setItem(POSITION_KEY + article.slug, id);
      }, 250);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
    };
  }, [article.slug]);

  const chooseLayout = (next: Layout) => {
    setLayout(next);
    window.localStorage.setItem(LAYOUT_KEY, next);
  };

  const translate = useCallback(
    async (retranslate: boolean) => {
      setPhase("running");
      setFailure(null);
      try {
        const response = await fetch(
          `/api/articles/${encodeURIComponent(article.slug)}/translate${retranslate ? "?retranslate=1" : ""}`,
          {
            method: "POST",
          },
        );
        if (!response.ok) {
          const body = (await response.json().catch(() => ({}))) as Partial<TranslationFailure>;
          setFailure({
            error: body.error ?? response.statusText,
            code: body.code ?? "server",
            params: body.params,
          });
          setPhase("error");
          return;
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
            setFailure(event);
            setPhase("error");
          }
        }
      } catch (error) {
        // The connection broke or the stream was cut: the job may still finish on the server.
        const detail = error instanceof Error ? error.message : String(error);
        setFailure(
          error instanceof TypeError
            ? { error: detail, code: "network" }
            : { error: detail, code: "translationStopped", params: { detail } },
        );
        setPhase("error");
      }
    },
    [article.slug],
  );

  useEffect(() => {
    if (started.current || model.state === "unavailable") return;
    const needsWork = segments.some(
      (s) => !s.translation || (s.translation.outdated && s.translation.origin === "machine"),
    );
    if (needsWork) {
      started.current = true;
      void translate(false);
    }
  }, [model.state, segments, translate]);

  /** After a save that reached other sentences through memory, reload what changed. */
  const refresh = async () => {
    const result = await callApi<ArticleView>(`/api/articles/${encodeURIComponent(article.slug)}`);
    if (result.ok) setTranslations(translationMap(result.data));
  };

  const focusSentence = (id: number) => {
    root.current
      ?.querySelector<HTMLElement>(
        `.para.target [data-segment-id="${id}"], .para.source [data-segment-id="${id}"]`,
      )
      ?.focus();
  };

  const nextUnreviewed = () => {
    const order = segments.map((s) => s.id);
    const from = activeId === null ? -1 : order.indexOf(activeId);
    const rotated = [...order.slice(from + 1), ...order.slice(0, from + 1)];
    const next = rotated.find((id) => !translations.get(id)?.reviewed);
    if (next !== undefined) {
      setActiveId(next);
      focusSentence(next);
      root.current
        ?.querySelector(`[data-segment-id="${next}"]`)
        ?.scrollIntoView({ block: "center" });
    }
  };

  // Reading shortcuts anywhere on the page, outside text fields (listed in the "?" dialog).
  const moveBy = (delta: number) => {
    const order = segments.map((s) => s.id);
    const from = activeId === null ? (delta > 0 ? -1 : order.length) : order.indexOf(activeId);
    const next = order[Math.min(order.length - 1, Math.max(0, from + delta))];
    if (next !== undefined) {
      setActiveId(next);
      focusSentence(next);
    }
  };
  const onKey = (event: globalThis.KeyboardEvent) => {
    const key = event.key;
    if (key === "n" || key === "N") nextUnreviewed();
    else if (key === "j" || (key === "ArrowDown" && activeId !== null)) moveBy(1);
    else if (key === "k" || (key === "ArrowUp" && activeId !== null)) moveBy(-1);
    else if ((key === "l" || key === "L") && activeId !== null) {
      const segment = segments.find((s) => s.id === activeId);
      if (segment) setLookup({ sentence: segment.source });
    } else if (key === "?") setHelpOpen(true);
    else return;
    event.preventDefault();
  };
  const keyRef = useRef(onKey);
  keyRef.current = onKey;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        target?.closest(
          "textarea, input, select, button, a, [contenteditable], .segment-editor, .lookup-panel, dialog",
        )
      )
        return;
      keyRef.current(event);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  /** Looks up the selected text, or else the word under the pointer. */
  const lookUpAt = (x: number, y: number) => {
    const selected = window.getSelection()?.toString().trim();
    if (selected && isSingleWord(selected)) {
      setLookup({ word: selected });
      return;
    }
    const range = document.caretRangeFromPoint?.(x, y);
    if (!range || range.startContainer.nodeType !== Node.TEXT_NODE) return;
    const word = wordAt(range.startContainer.textContent ?? "", range.startOffset);
    if (word) setLookup({ word });
  };

  const done = [...translations.values()].filter(Boolean).length;
  const reviewed = [...translations.values()].filter((x) => x?.reviewed).length;
  const modelMissing = failure?.install !== undefined;

  const sentenceProps = (id: number) => ({
    "data-segment-id": id,
    tabIndex: 0,
    onMouseEnter: () => setActiveId(id),
    onMouseLeave: () => setActiveId((current) => (current === id ? null : current)),
    onFocus: () => setActiveId(id),
    onTouchStart: () => setActiveId(id),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === "Enter") {
        event.preventDefault();
        setEditingId(id);
      }
    },
  });
  const classes = (id: number, extra = "") =>
    `sentence${activeId === id ? " active" : ""}${drafts.has(id) ? " has-draft" : ""}${extra}`;

  return (
    <div className="reader" ref={root}>
      <div className="reader-toolbar">
        <fieldset className="layout-switch">
          <legend>{t("layout")}</legend>
          {LAYOUTS.map((l) => (
            <label key={l} className={layout === l ? "selected" : undefined}>
              <input
                type="radio"
                name="layout"
                value={l}
                checked={layout === l}
                onChange={() => chooseLayout(l)}
              />
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
        <span className="review-status" data-testid="review-status">
          {t("reviewedProgress", { done: format.number(reviewed), total: format.number(total) })}
        </span>
        <button
          type="button"
          onClick={nextUnreviewed}
          title={t("nextUnreviewedKey")}
          aria-keyshortcuts="N"
        >
          {t("nextUnreviewed")}
        </button>
        <button
          type="button"
          onClick={() => void translate(true)}
          disabled={phase === "running"}
          title={t("retranslateHint")}
        >
          {t("retranslate")}
        </button>
        <Link
          href={{ pathname: "/glossary", query: { tab: "consistency", article: article.slug } }}
          className="toolbar-link"
        >
          {t("checkTerms")}
        </Link>
        <details className="export-menu">
          <summary>{t("export")}</summary>
          <a
            href={`/api/articles/${article.slug}/export?format=md&layout=${layout === "interleaved" ? "interleaved" : "side"}`}
          >
            {t("exportMarkdown")}
          </a>
          <a
            href={`/api/articles/${article.slug}/export?format=html&layout=${layout === "interleaved" ? "interleaved" : "side"}`}
          >
            {t("exportHtml")}
          </a>
          <a href={`/api/articles/${article.slug}/export?format=json`}>{t("exportJson")}</a>
        </details>
      </div>

      <ul className="legend" aria-label={t("legend")}>
        <li>
          <span className="swatch machine" aria-hidden="true" /> {t("legendMachine")}
        </li>
        <li>
          <span className="swatch human" aria-hidden="true">
            ✎
          </span>{" "}
          {t("legendHuman")}
        </li>
        <li>
          <span className="swatch memory" aria-hidden="true">
            ↺
          </span>{" "}
          {t("legendMemory")}
        </li>
        <li>
          <span className="swatch reviewed" aria-hidden="true">
            ✓
          </span>{" "}
          {t("legendReviewed")}
        </li>
        <li>
          <span className="swatch draft" aria-hidden="true">
            •
          </span>{" "}
          {t("legendDraft")}
        </li>
      </ul>

      {failure && (
        <div className="notice" role="alert">
          <p>{modelMissing ? t("modelUnavailable") : errorText(failure)}</p>
          {modelMissing && (
            <>
              <p>
                <strong>{t("howToInstall")}</strong>{" "}
                {failure.install?.command
                  ? t.rich("installWithCommand", {
                      command: failure.install.command,
                      folder: failure.install.folder,
                      code: (chunks) => <code>{chunks}</code>,
                    })
                  : t.rich("installFolder", {
                      folder: failure.install?.folder ?? "",
                      code: (chunks) => <code>{chunks}</code>,
                    })}
              </p>
              <p className="muted small">{t("technicalReason", { reason: failure.error })}</p>
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
            <div lang="id" className="para source">
              {paragraph.segments.map((s) => (
                <Fragment key={s.id}>
                  <span
                    {...sentenceProps(s.id)}
                    id={`s-${s.id}`}
                    aria-describedby={layout === "source" ? undefined : `t-${s.id}`}
                    className={classes(s.id)}
                    onClick={(e) => lookUpAt(e.clientX, e.clientY)}
                  >
                    <TermText text={s.source} matcher={glossary?.source ?? null} terms={termMap} />
                  </span>{" "}
                </Fragment>
              ))}
            </div>
            <div lang="en" className="para target">
              {paragraph.segments.map((s) => {
                const translation = translations.get(s.id) ?? null;
                if (editingId === s.id) {
                  return (
                    <SegmentEditor
                      key={s.id}
                      segment={s}
                      translation={translation}
                      onDraftChange={(has) =>
                        setDrafts((prev) => {
                          const next = new Set(prev);
                          if (has) next.add(s.id);
                          else next.delete(s.id);
                          return next;
                        })
                      }
                      onClose={() => {
                        setEditingId(null);
                        requestAnimationFrame(() => focusSentence(s.id));
                      }}
                      onSaved={(saved, propagated) => {
                        setTranslations((prev) => new Map(prev).set(s.id, saved));
                        setEditingId(null);
                        if (propagated > 0) void refresh();
                        requestAnimationFrame(() => focusSentence(s.id));
                      }}
                    />
                  );
                }
                const outdated = translation?.outdated ? (
                  <span className="outdated-flag">{t("outdated")}</span>
                ) : null;
                const marker =
                  translation?.origin === "human"
                    ? "✎"
                    : translation?.origin === "memory"
                      ? "↺"
                      : translation?.reviewed
                        ? "✓"
                        : null;
                return (
                  <Fragment key={s.id}>
                    <span
                      {...sentenceProps(s.id)}
                      id={`t-${s.id}`}
                      aria-describedby={`s-${s.id}`}
                      className={classes(s.id, translation ? "" : " pending")}
                      data-origin={translation?.origin}
                      data-reviewed={translation?.reviewed ? "true" : undefined}
                      title={t("editHint")}
                      onClick={() => setEditingId(s.id)}
                      aria-label={translation ? undefined : t("notTranslated")}
                    >
                      {translation ? (
                        <TermText
                          text={translation.text}
                          matcher={glossary?.english ?? null}
                          terms={termMap}
                        />
                      ) : (
                        "…"
                      )}
                      {outdated}
                      {marker && (
                        <sup
                          className={`marker marker-${translation?.origin}`}
                          aria-label={
                            translation?.origin === "human"
                              ? t("legendHuman")
                              : translation?.origin === "memory"
                                ? t("legendMemory")
                                : t("legendReviewed")
                          }
                        >
                          {marker}
                        </sup>
                      )}
                    </span>{" "}
                  </Fragment>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <p className="muted small keyboard-hint">
        {t("lookupHint")} {t("nextUnreviewedKey")}{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => setHelpOpen(true)}
          aria-keyshortcuts="?"
        >
          {tShortcuts("open")}
        </button>
      </p>
      {lookup && (
        <LookupPanel
          request={lookup}
          onClose={() => {
            setLookup(null);
            if (activeId !== null) focusSentence(activeId);
          }}
        />
      )}
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
