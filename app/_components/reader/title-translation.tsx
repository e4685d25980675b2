"use client";

import { useTranslations } from "next-intl";
import type { SegmentView } from "@/lib/articles/queries";
import { SegmentEditor } from "../segment-editor";
import type { Translation } from "./use-translation";

/**
 * The title's English translation under the Indonesian title: corrected like
 * a sentence (click or Enter opens the same editor, with its history).
 */
export function TitleTranslation({
  segment,
  translation,
  editing,
  onEdit,
  onClose,
  onSaved,
}: {
  segment: SegmentView;
  translation: Translation;
  editing: boolean;
  onEdit(): void;
  onClose(): void;
  onSaved(translation: NonNullable<Translation>, propagated: number): void;
}) {
  const t = useTranslations("reader");
  if (editing)
    return (
      <SegmentEditor
        segment={segment}
        translation={translation}
        onClose={onClose}
        onSaved={onSaved}
      />
    );
  const origin = translation?.origin;
  const marker =
    origin === "human" ? "✎" : origin === "memory" ? "↺" : translation?.reviewed ? "✓" : null;
  return (
    <p className="title-translation" lang="en">
      <span
        className={`sentence${translation ? "" : " pending"}`}
        data-origin={origin}
        tabIndex={0}
        role="button"
        aria-label={t("titleTranslation", { text: translation?.text ?? t("notTranslated") })}
        title={t("editHint")}
        onClick={onEdit}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            onEdit();
          }
        }}
      >
        {translation?.text ?? "…"}
      </span>
      {marker && (
        <sup className={`marker marker-${origin}`} aria-hidden="true">
          {marker}
        </sup>
      )}
    </p>
  );
}
