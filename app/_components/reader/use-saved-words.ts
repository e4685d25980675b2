"use client";

import { useCallback, useEffect, useState, type RefObject } from "react";
import { wordKey, WORD_STATUSES, type WordMark } from "@/lib/words/records";
import { words } from "@/lib/text/words";
import { callApi } from "../api-client";
import { useStored } from "../browser-store";

/** The reading setting that turns the marks off ("off"); on when unset. */
export const WORD_MARKS_KEY = "dwibahasa.wordMarks";

export interface SavedWords {
  /** Saved words of this article by word key. */
  marks: ReadonlyMap<string, WordMark>;
  /** A word was saved, or its status changed. */
  put(mark: WordMark): void;
  remove(key: string): void;
}

/** The highlight each status paints (styled by `::highlight(…)` in globals.css). */
const highlightName = (status: string) => `saved-word-${status}`;

/**
 * Marks every saved word in the Indonesian column by status, with the CSS
 * Custom Highlight API: the text and its elements stay as they are, so the
 * marks never disturb sentence clicks, glossary terms or the editor.
 */
function paint(root: HTMLElement, marks: ReadonlyMap<string, WordMark>): void {
  const ranges = new Map<string, Range[]>(WORD_STATUSES.map((s) => [s, []]));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest(".para.source") && !node.parentElement.closest(".term-tip")
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const w of words(node.textContent ?? "")) {
      const mark = marks.get(wordKey(w.text));
      if (!mark) continue;
      const range = new Range();
      range.setStart(node, w.start);
      range.setEnd(node, w.end);
      ranges.get(mark.status)!.push(range);
    }
  }
  for (const [status, list] of ranges)
    CSS.highlights.set(highlightName(status), new Highlight(...list));
}

function clear(): void {
  for (const status of WORD_STATUSES) CSS.highlights.delete(highlightName(status));
}

/** The reader's saved words in this article, and their marks in the text (unless the setting is off). */
export function useSavedWords(slug: string, root: RefObject<HTMLElement | null>): SavedWords {
  const [marks, setMarks] = useState<ReadonlyMap<string, WordMark>>(new Map());
  const marksOn = useStored(WORD_MARKS_KEY) !== "off";

  useEffect(() => {
    let current = true;
    void callApi<WordMark[]>(`/api/words/marks?article=${encodeURIComponent(slug)}`).then((r) => {
      if (current && r.ok) setMarks(new Map(r.data.map((m) => [m.key, m])));
    });
    return () => {
      current = false;
    };
  }, [slug]);

  useEffect(() => {
    const element = root.current;
    if (!element || !marksOn || typeof CSS === "undefined" || !("highlights" in CSS)) return;
    paint(element, marks);
    // Sentences re-render (translations arrive, terms open): mark the new text once per frame.
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => paint(element, marks));
    });
    observer.observe(element, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clear();
    };
  }, [marks, marksOn, root]);

  const put = useCallback(
    (mark: WordMark) => setMarks((prev) => new Map(prev).set(mark.key, mark)),
    [],
  );
  const remove = useCallback(
    (key: string) =>
      setMarks((prev) => {
        const next = new Map(prev);
        next.delete(key);
        return next;
      }),
    [],
  );
  return { marks, put, remove };
}
