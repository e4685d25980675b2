"use client";

// Where the reader is: the chosen layout (remembered in this browser) and the
// reading position per article (the first sentence at the top of the window).

import { useEffect } from "react";
import { readStored, useStored, writeStored } from "../browser-store";

export const LAYOUTS = ["side", "interleaved", "source"] as const;
export type Layout = (typeof LAYOUTS)[number];

const LAYOUT_KEY = "dwibahasa.layout";
const POSITION_KEY = "dwibahasa.position.";

function isLayout(value: string | null): value is Layout {
  return (LAYOUTS as readonly (string | null)[]).includes(value);
}

export function useLayout(): [Layout, (next: Layout) => void] {
  const stored = useStored(LAYOUT_KEY);
  return [isLayout(stored) ? stored : "side", (next) => writeStored(LAYOUT_KEY, next)];
}

/**
 * Opens the article where the reader left it, or at the sentence a link names
 * ("#s-<segment id>", from the glossary and search, which also makes it the
 * active sentence), and remembers the position while scrolling.
 */
export function useReadingPosition(slug: string): void {
  useEffect(() => {
    const match = /^#s-(\d+)$/.exec(window.location.hash);
    const position = Number(readStored(POSITION_KEY + slug));
    const target = match ? Number(match[1]) : position > 0 ? position : null;
    if (target !== null) {
      const sentence = document.getElementById(`s-${target}`);
      if (match) sentence?.focus({ preventScroll: true });
      sentence?.scrollIntoView({ block: match ? "center" : "start" });
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const first = [...document.querySelectorAll<HTMLElement>(".para.source .sentence")].find(
          (el) => el.getBoundingClientRect().bottom > 80,
        );
        const id = first?.dataset.segmentId;
        if (id) writeStored(POSITION_KEY + slug, id);
      }, 250);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
    };
  }, [slug]);
}
