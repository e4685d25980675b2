"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Link } from "@/lib/i18n/navigation";
import { useFoldState } from "../fold";
import { ProgressBar } from "../progress-bar";
import { useModelChoice } from "./model-choice";
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
  /** `model`: the installed model an editor chose (unset: the default one). */
  onRetranslate(model?: string): void;
  /** The legend's id, whether it is open on a phone, and its "?" button. */
  legendId: string;
  legendOpen: boolean;
  onLegend(): void;
  /** The listening bar's id, whether it is open, and its button. */
  listenId: string;
  listenOpen: boolean;
  onListen(): void;
}

/**
 * Layout, translation and review progress, and the article's actions. The
 * actions open from "More" (on a phone, the layout and review count too), so
 * the controls take one row and the text starts high on the first screen.
 */
export function ReaderToolbar(props: Props) {
  const t = useTranslations("reader");
  const tListen = useTranslations("listen");
  const format = useFormatter();
  const { slug, layout, translated, reviewed, total } = props;
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const [more, setMore] = useFoldState(root, ".more-toggle");
  const models = useModelChoice();
  // An editor may retranslate with any installed model; the default is preselected.
  const pickModel = models.canEdit && models.available.length > 1;
  const [model, setModel] = useState(models.defaultModel);
  const exportLayout = layout === "interleaved" ? "interleaved" : "side";
  const exportUrl = (format: string, withLayout = true) =>
    `/api/articles/${encodeURIComponent(slug)}/export?format=${format}${withLayout ? `&layout=${exportLayout}` : ""}`;
  return (
    <div
      className="reader-toolbar"
      ref={root}
      data-more={more}
      onClick={(event) => {
        // A chosen action closes the menu.
        if (
          more &&
          (event.target as Element).closest(".toolbar-actions a, .toolbar-actions button")
        )
          setMore(false);
      }}
    >
      {/* Translation and review progress, one above the other. */}
      <div className="translation-status">
        <div className="status-line" aria-live="polite">
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
      </div>
      {/* In the row on a wide screen; in the menu on a phone. */}
      <div className="toolbar-view" id={`${menuId}-view`}>
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
      </div>
      <button
        type="button"
        className="listen-toggle"
        aria-expanded={props.listenOpen}
        aria-controls={props.listenOpen ? props.listenId : undefined}
        aria-keyshortcuts="P"
        onClick={props.onListen}
      >
        {tListen("open")}
      </button>
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={props.legendOpen}
        aria-controls={props.legendId}
        aria-label={t("legendShow")}
        title={t("legendShow")}
        onClick={props.onLegend}
      >
        ?
      </button>
      <button
        type="button"
        className="more-toggle"
        aria-expanded={more}
        aria-controls={`${menuId}-view ${menuId}-actions`}
        onClick={() => setMore((o) => !o)}
      >
        {t("more")}
      </button>
      <div className="toolbar-actions" id={`${menuId}-actions`}>
        <button
          type="button"
          onClick={props.onNextUnreviewed}
          title={t("nextUnreviewedKey")}
          aria-keyshortcuts="N"
        >
          {t("nextUnreviewed")}
        </button>
        {pickModel && (
          <label className="retranslate-model">
            {t("retranslateWith")}{" "}
            <select value={model} onChange={(e) => setModel(e.target.value)}>
              {models.available.map((id) => (
                <option key={id} value={id}>
                  {id === models.defaultModel ? t("defaultModelOption", { model: id }) : id}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          onClick={() => props.onRetranslate(pickModel ? model : undefined)}
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
        <p className="export-links">
          <span className="muted">{t("export")}:</span>{" "}
          <a href={exportUrl("md")}>{t("exportMarkdown")}</a>{" "}
          <a href={exportUrl("html")}>{t("exportHtml")}</a>{" "}
          <a href={exportUrl("json", false)}>{t("exportJson")}</a>
        </p>
      </div>
    </div>
  );
}

/** What the marks beside a sentence mean. */
export function ReaderLegend({ id, open }: { id: string; open: boolean }) {
  const t = useTranslations("reader");
  return (
    <ul id={id} className="legend" aria-label={t("legend")} data-open={open}>
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
