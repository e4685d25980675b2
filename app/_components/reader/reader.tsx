"use client";

import { needsAttention } from "./quality";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type ReactNode } from "react";
import type { ArticleView } from "@/lib/articles/queries";
import type { ModelStatus } from "@/lib/translation/engine";
import { useDraftIds } from "../drafts";
import { LookupPanel, type LookupRequest } from "../lookup-panel";
import { ShortcutsHelp } from "../shortcuts-help";
import type { ReaderTerm } from "../term-text";
import { Columns } from "./columns";
import { TitleTranslation } from "./title-translation";
import { focusSentence, nextWhere, stepFrom, wordAtPoint } from "./sentences";
import { ReaderLegend, ReaderToolbar } from "./toolbar";
import { TranslationNotice } from "./translation-notice";
import { useGlossaryMarking } from "./use-glossary-marking";
import { useLayout, useReadingPosition } from "./use-reading-place";
import { useReaderShortcuts } from "./use-shortcuts";
import { useArticleTranslation } from "./use-translation";

/** The bilingual reader: both columns, the translation job, corrections, look-up and shortcuts. */
export function Reader({
  article,
  model,
  terms,
  header,
}: {
  article: ArticleView;
  model: ModelStatus;
  terms: ReaderTerm[];
  /** What the page shows under the titles: source, date, the original page. */
  header: ReactNode;
}) {
  const t = useTranslations("reader");
  const tShortcuts = useTranslations("shortcuts");
  const job = useArticleTranslation(article, model);
  const [layout, setLayout] = useLayout();
  const glossary = useGlossaryMarking(terms);
  const drafts = useDraftIds();
  const [activeId, setActiveId] = useState<number | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  // Each request opens a fresh panel (the key), so a new word never shows the last one's answer.
  const [lookup, setLookup] = useState<{ key: number; request: LookupRequest } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [legendOpen, setLegendOpen] = useState(false);
  const legendId = useId();
  const root = useRef<HTMLDivElement>(null);
  useReadingPosition(article.slug);

  const segments = article.paragraphs.flatMap((p) => p.segments);
  const order = segments.map((s) => s.id);
  const lookUp = (request: LookupRequest) =>
    setLookup((prev) => ({ key: (prev?.key ?? 0) + 1, request }));

  const goTo = (id: number | undefined, scroll: boolean) => {
    if (id === undefined) return;
    setActiveId(id);
    focusSentence(root.current, id);
    if (scroll)
      root.current?.querySelector(`[data-segment-id="${id}"]`)?.scrollIntoView({ block: "center" });
  };
  const nextUnreviewed = () =>
    goTo(
      nextWhere(order, activeId, (id) => !job.translations.get(id)?.reviewed),
      true,
    );

  const nextLowConfidence = () =>
    goTo(
      nextWhere(order, activeId, (id) => needsAttention(job.translations.get(id) ?? null)),
      true,
    );

  useReaderShortcuts((key) => {
    if (key === "n" || key === "N") nextUnreviewed();
    else if (key === "c" || key === "C") nextLowConfidence();
    else if (key === "j" || (key === "ArrowDown" && activeId !== null))
      goTo(stepFrom(order, activeId, 1), false);
    else if (key === "k" || (key === "ArrowUp" && activeId !== null))
      goTo(stepFrom(order, activeId, -1), false);
    else if ((key === "l" || key === "L") && activeId !== null) {
      const segment = segments.find((s) => s.id === activeId);
      if (!segment) return false;
      lookUp({ sentence: segment.source });
    } else if (key === "?") setHelpOpen(true);
    else return false;
    return true;
  });

  // The counts are the text's sentences; the title is translated beside them.
  const all = order.map((id) => job.translations.get(id) ?? null);
  const title = article.titleSegment;
  return (
    <div className="reader" ref={root}>
      <header className="article-header">
        <h1 lang="id">{article.title}</h1>
        {title && (
          <TitleTranslation
            segment={title}
            translation={job.translations.get(title.id) ?? null}
            editing={editingId === title.id}
            onEdit={() => setEditingId(title.id)}
            onClose={() => setEditingId(null)}
            onSaved={(saved, propagated) => {
              job.setTranslation(title.id, saved);
              setEditingId(null);
              if (propagated > 0) void job.refresh();
            }}
          />
        )}
        {header}
      </header>
      <ReaderToolbar
        slug={article.slug}
        layout={layout}
        onLayout={setLayout}
        translated={all.filter(Boolean).length}
        reviewed={all.filter((x) => x?.reviewed).length}
        total={segments.length}
        running={job.phase === "running"}
        onNextUnreviewed={nextUnreviewed}
        onRetranslate={() => job.translate(true)}
        legendId={legendId}
        legendOpen={legendOpen}
        onLegend={() => setLegendOpen((o) => !o)}
      />
      <ReaderLegend id={legendId} open={legendOpen} />
      {job.failure && (
        <TranslationNotice failure={job.failure} onRetry={() => job.translate(false)} />
      )}
      <Columns
        article={article}
        layout={layout}
        translations={job.translations}
        glossary={glossary}
        drafts={drafts}
        activeId={activeId}
        editingId={editingId}
        onActive={setActiveId}
        onEdit={setEditingId}
        onLookUp={(x, y) => {
          const word = wordAtPoint(x, y);
          if (word) lookUp({ word });
        }}
        onEditorClose={(id) => {
          setEditingId(null);
          requestAnimationFrame(() => focusSentence(root.current, id));
        }}
        onSaved={(id, saved, propagated) => {
          job.setTranslation(id, saved);
          setEditingId(null);
          if (propagated > 0) void job.refresh();
          requestAnimationFrame(() => focusSentence(root.current, id));
        }}
      />
      <p className="muted small keyboard-hint">
        {t("lookupHint")} {t("nextUnreviewedKey")} {t("nextLowConfidenceKey")}{" "}
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
          key={lookup.key}
          request={lookup.request}
          onClose={() => {
            setLookup(null);
            if (activeId !== null) focusSentence(root.current, activeId);
          }}
        />
      )}
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
