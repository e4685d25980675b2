"use client";

import { isLowConfidence, needsReview } from "./quality";
import { useTranslations } from "next-intl";
import { Fragment, type KeyboardEvent } from "react";
import type { ArticleView, SegmentView } from "@/lib/articles/queries";
import { SegmentEditor } from "../segment-editor";
import { TermText } from "../term-text";
import type { GlossaryMarking } from "./use-glossary-marking";
import type { Layout } from "./use-reading-place";
import type { Translation } from "./use-translation";

/** What the columns need from the reader: the sentence state and what to do on a click or a key. */
export interface ColumnsProps {
  article: ArticleView;
  layout: Layout;
  translations: ReadonlyMap<number, Translation>;
  glossary: GlossaryMarking;
  drafts: ReadonlySet<number>;
  activeId: number | null;
  /** The sentence being read aloud, highlighted in both columns. */
  speakingId: number | null;
  editingId: number | null;
  onActive(id: number | null | ((current: number | null) => number | null)): void;
  onEdit(id: number): void;
  onLookUp(x: number, y: number): void;
  onEditorClose(id: number): void;
  onSaved(id: number, translation: NonNullable<Translation>, propagated: number): void;
}

/** Indonesian and English side by side (or interleaved), paragraph by paragraph, sentence by sentence. */
export function Columns(props: ColumnsProps) {
  const t = useTranslations("reader");
  return (
    <div className={`bitext layout-${props.layout}`}>
      <div className="bitext-head" aria-hidden="true">
        <span lang="id">{t("source")}</span>
        <span lang="en">{t("translation")}</span>
      </div>
      {props.article.paragraphs.map((paragraph) => (
        <div className="para-row" key={paragraph.index}>
          <div lang="id" className="para source">
            {paragraph.segments.map((s) => (
              <Fragment key={s.id}>
                <SourceSentence segment={s} {...props} />{" "}
              </Fragment>
            ))}
          </div>
          <div lang="en" className="para target">
            {paragraph.segments.map((s) =>
              props.editingId === s.id ? (
                <SegmentEditor
                  key={s.id}
                  segment={s}
                  translation={props.translations.get(s.id) ?? null}
                  onClose={() => props.onEditorClose(s.id)}
                  onSaved={(saved, propagated) => props.onSaved(s.id, saved, propagated)}
                />
              ) : (
                <Fragment key={s.id}>
                  <TargetSentence segment={s} {...props} />{" "}
                </Fragment>
              ),
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

type SentenceProps = ColumnsProps & { segment: SegmentView };

/** Hover, focus and keys shared by both columns: they mark the sentence and its counterpart. */
function sentenceEvents({ segment, onActive, onEdit }: SentenceProps) {
  const id = segment.id;
  return {
    "data-segment-id": id,
    tabIndex: 0,
    onMouseEnter: () => onActive(id),
    onMouseLeave: () => onActive((current) => (current === id ? null : current)),
    onFocus: () => onActive(id),
    onTouchStart: () => onActive(id),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === "Enter") {
        event.preventDefault();
        onEdit(id);
      }
    },
  };
}

function sentenceClass(
  { segment, activeId, speakingId, drafts }: SentenceProps,
  extra = "",
): string {
  const id = segment.id;
  return `sentence${activeId === id ? " active" : ""}${speakingId === id ? " speaking" : ""}${drafts.has(id) ? " has-draft" : ""}${extra}`;
}

function SourceSentence(props: SentenceProps) {
  const { segment, layout, glossary } = props;
  return (
    <span
      {...sentenceEvents(props)}
      id={`s-${segment.id}`}
      aria-describedby={layout === "source" ? undefined : `t-${segment.id}`}
      className={sentenceClass(props)}
      onClick={(e) => props.onLookUp(e.clientX, e.clientY)}
    >
      <TermText text={segment.source} matcher={glossary.source} terms={glossary.terms} />
    </span>
  );
}

function TargetSentence(props: SentenceProps) {
  const t = useTranslations("reader");
  const { segment, glossary } = props;
  const translation = props.translations.get(segment.id) ?? null;
  const origin = translation?.origin;
  const marker =
    origin === "human" ? "✎" : origin === "memory" ? "↺" : translation?.reviewed ? "✓" : null;
  const review = needsReview(translation);
  const termMissing = !translation?.reviewed && translation?.flags.includes("termMissing");
  const doubtful = !review && isLowConfidence(translation);
  return (
    <span
      {...sentenceEvents(props)}
      id={`t-${segment.id}`}
      aria-describedby={`s-${segment.id}`}
      className={sentenceClass(props, translation ? "" : " pending")}
      data-origin={origin}
      data-reviewed={translation?.reviewed ? "true" : undefined}
      data-flags={translation?.flags.length ? translation.flags.join(" ") : undefined}
      data-low-confidence={doubtful ? "true" : undefined}
      title={t("editHint")}
      onClick={() => props.onEdit(segment.id)}
      aria-label={translation ? undefined : t("notTranslated")}
    >
      {translation ? (
        <TermText text={translation.text} matcher={glossary.english} terms={glossary.terms} />
      ) : (
        "…"
      )}
      {review && <span className="review-flag">{t("needsReview")}</span>}
      {termMissing && (
        <span className="term-missing-flag" title={t("termMissingHint")}>
          {t("termMissing")}
        </span>
      )}
      {doubtful && (
        <sup className="marker marker-doubt" aria-label={t("legendLowConfidence")}>
          ?
        </sup>
      )}
      {translation?.outdated && <span className="outdated-flag">{t("outdated")}</span>}
      {marker && (
        <sup
          className={`marker marker-${origin}`}
          aria-label={
            origin === "human"
              ? t("legendHuman")
              : origin === "memory"
                ? t("legendMemory")
                : t("legendReviewed")
          }
        >
          {marker}
        </sup>
      )}
    </span>
  );
}
