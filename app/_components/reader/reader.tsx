"use client";

import { needsAttention } from "./quality";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ArticleView } from "@/lib/articles/queries";
import type { ModelStatus } from "@/lib/translation/engine";
import { useDraftIds } from "../drafts";
import { LookupPanel, type LookupRequest } from "../lookup-panel";
import { ModelDownload } from "../model-download";
import { ShortcutsHelp } from "../shortcuts-help";
import type { ReaderTerm } from "../term-text";
import { Columns } from "./columns";
import { ListenBar } from "./listen-bar";
import { useListening, type ListenScope } from "./use-listening";
import { TitleTranslation } from "./title-translation";
import { focusSentence, nextWhere, segmentAtPoint, stepFrom, wordAtPoint } from "./sentences";
import { ReaderLegend, ReaderToolbar } from "./toolbar";
import { TranslationNotice } from "./translation-notice";
import { useGlossaryMarking } from "./use-glossary-marking";
import { useLayout, useReadingPosition } from "./use-reading-place";
import { useSavedWords } from "./use-saved-words";
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
  const savedWords = useSavedWords(article.slug, root);

  const segments = article.paragraphs.flatMap((p) => p.segments);
  const order = segments.map((s) => s.id);
  const listening = useListening();
  const [listenOpen, setListenOpen] = useState(false);
  const listenId = useId();

  /** The sentences to read aloud, with their current English. */
  const spoken = (ids: number[]) =>
    ids.flatMap((id) => {
      const segment = segments.find((s) => s.id === id);
      return segment
        ? [{ id, source: segment.source, translation: job.translations.get(id)?.text ?? null }]
        : [];
    });
  const listen = (scope: ListenScope) => {
    const from = activeId ?? order[0];
    if (from === undefined) return;
    if (scope === "sentence") listening.play(spoken([from]));
    else if (scope === "paragraph") {
      const paragraph = article.paragraphs.find((p) => p.segments.some((s) => s.id === from));
      listening.play(spoken(paragraph?.segments.map((s) => s.id) ?? []));
    } else listening.play(spoken(order));
  };
  const toggleListen = () => {
    if (listenOpen) listening.stop();
    setListenOpen(!listenOpen);
  };

  // The sentence being read stays in view.
  const speakingId = listening.currentId;
  useEffect(() => {
    if (speakingId === null) return;
    const element = root.current?.querySelector(`.para.source [data-segment-id="${speakingId}"]`);
    if (!element) return;
    const box = element.getBoundingClientRect();
    const bar = document.querySelector(".listen-bar")?.getBoundingClientRect().height ?? 0;
    if (box.top < 0 || box.bottom > window.innerHeight - bar)
      element.scrollIntoView({ block: "center" });
  }, [speakingId]);
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
      lookUp({ sentence: segment.source, segmentId: segment.id });
    } else if (key === "?") setHelpOpen(true);
    else if (key === "p" || key === "P") {
      if (listening.state === "playing") listening.pause();
      else if (listening.state === "paused") listening.resume();
      else {
        setListenOpen(true);
        const index = activeId === null ? 0 : Math.max(0, order.indexOf(activeId));
        listening.play(spoken(order.slice(index)));
      }
    } else if (key === "[" && listening.state !== "idle") listening.step(-1);
    else if (key === "]" && listening.state !== "idle") listening.step(1);
    else return false;
    return true;
  });

  // The counts are the text's sentences; the title is translated beside them.
  const all = order.map((id) => job.translations.get(id) ?? null);
  const title = article.titleSegment;
  return (
    <div className="reader" ref={root} data-listening={listenOpen}>
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
        onRetranslate={(chosen) => job.translate(true, chosen)}
        legendId={legendId}
        legendOpen={legendOpen}
        onLegend={() => setLegendOpen((o) => !o)}
        listenId={listenId}
        listenOpen={listenOpen}
        onListen={toggleListen}
      />
      <ReaderLegend id={legendId} open={legendOpen} />
      {listenOpen && (
        <ListenBar
          id={listenId}
          listening={listening}
          position={
            speakingId === null ? null : { n: order.indexOf(speakingId) + 1, total: order.length }
          }
          onPlay={listen}
        />
      )}
      <ModelDownload initial={model} watch={job.phase === "running"} />
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
        speakingId={speakingId}
        editingId={editingId}
        onActive={setActiveId}
        onEdit={setEditingId}
        onLookUp={(x, y) => {
          const word = wordAtPoint(x, y);
          if (word) lookUp({ word, segmentId: segmentAtPoint(x, y) });
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
          savedWords={savedWords}
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
