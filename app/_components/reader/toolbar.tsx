"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { ProgressBar } from "../progress-bar";
import { LAYOUTS, type Layout } from "./use-reading-place";

interface Props {
  slug: string;
  layout: Layout;
  onLayout(next: Layout): void;
  translated: number;
  reviewed: number;
  total: number;
  running: boolean;
  onNextUnreviewed(): void;
  onRetranslate(): void;
}

/** Layout, translation and review progress, and the article's actions. */
export function ReaderToolbar(props: Props) {
  const t = useTranslations("reader");
  const format = useFormatter();
  const { slug, layout, translated, reviewed, total } = props;
  const exportLayout = layout === "interleaved" ? "interleaved" : "side";
  const exportUrl = (format: string, withLayout = true) =>
    `/api/articles/${encodeURIComponent(slug)}/export?format=${format}${withLayout ? `&layout=${exportLayout}` : ""}`;
  return (
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
              onChange={() => props.onLayout(l)}
            />
            {t(`layouts.${l}`)}
          </label>
        ))}
      </fieldset>
      <div className="translation-status" aria-live="polite">
        <ProgressBar
          done={translated}
          total={total}
          label={t("progress", { done: format.number(translated), total: format.number(total) })}
        />
        {props.running && <span className="muted">{t("translating")}</span>}
      </div>
      <span className="review-status" data-testid="review-status">
        {t("reviewedProgress", { done: format.number(reviewed), total: format.number(total) })}
      </span>
      <button
        type="button"
        onClick={props.onNextUnreviewed}
        title={t("nextUnreviewedKey")}
        aria-keyshortcuts="N"
      >
        {t("nextUnreviewed")}
      </button>
      <button
        type="button"
        onClick={props.onRetranslate}
        disabled={props.running}
        title={t("retranslateHint")}
      >
        {t("retranslate")}
      </button>
      <Link
        href={{ pathname: "/glossary", query: { tab: "consistency", article: slug } }}
        className="toolbar-link"
      >
        {t("checkTerms")}
      </Link>
      <details className="export-menu">
        <summary>{t("export")}</summary>
        <a href={exportUrl("md")}>{t("exportMarkdown")}</a>
        <a href={exportUrl("html")}>{t("exportHtml")}</a>
        <a href={exportUrl("json", false)}>{t("exportJson")}</a>
      </details>
    </div>
  );
}

/** What the marks beside a sentence mean. */
export function ReaderLegend() {
  const t = useTranslations("reader");
  return (
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
      <li>
        <span className="swatch doubt" aria-hidden="true">
          ?
        </span>{" "}
        {t("legendLowConfidence")}
      </li>
      <li>
        <span className="review-flag">{t("needsReview")}</span> {t("legendNeedsReview")}
      </li>
    </ul>
  );
}
