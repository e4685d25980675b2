"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useSyncExternalStore } from "react";
import { ProgressBar } from "./progress-bar";

// The library's bars move while the background translates: one poll for the
// whole page, asking only for the articles shown, stopping when all are done.

interface Progress {
  done: number;
  total: number;
}

interface Snapshot {
  articles: Record<string, Progress>;
  library: Progress | null;
}

const POLL_MS = 2000;
const shown = new Map<string, Progress>();
let snapshot: Snapshot = { articles: {}, library: null };
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function unfinished(): boolean {
  const library = snapshot.library;
  if (library && library.done < library.total) return true;
  for (const [slug, initial] of shown) {
    const now = snapshot.articles[slug] ?? initial;
    if (now.done < now.total) return true;
  }
  return false;
}

function schedule(): void {
  if (timer !== null || !unfinished()) return;
  timer = setTimeout(() => void poll(), POLL_MS);
}

async function poll(): Promise<void> {
  timer = null;
  try {
    const slugs = [...shown.keys()].join(",");
    const response = await fetch(`/api/translation/progress?slugs=${encodeURIComponent(slugs)}`);
    if (response.ok) {
      const body = (await response.json()) as Snapshot;
      snapshot = { articles: { ...snapshot.articles, ...body.articles }, library: body.library };
      for (const listener of listeners) listener();
    }
  } catch {
    // Offline for a moment: the next poll tries again.
  }
  schedule();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the last poll said (the same object until the next poll), or undefined before one. */
function useLive(select: (s: Snapshot) => Progress | null | undefined): Progress | undefined {
  return (
    useSyncExternalStore(
      subscribe,
      () => select(snapshot),
      () => undefined,
    ) ?? undefined
  );
}

/** An article's translated share; moves while the background translates it. */
export function ArticleProgress({ slug, done, total }: { slug: string } & Progress) {
  const t = useTranslations("library");
  const format = useFormatter();
  useEffect(() => {
    shown.set(slug, { done, total });
    schedule();
    return () => {
      shown.delete(slug);
    };
  }, [slug, done, total]);
  const live = useLive((s) => s.articles[slug]) ?? { done, total };
  return (
    <ProgressBar
      done={live.done}
      total={live.total}
      label={t("translatedOf", {
        done: format.number(live.done),
        total: format.number(live.total),
      })}
    />
  );
}

/** The whole library's translated share. */
export function LibraryProgress({ done, total }: Progress) {
  const t = useTranslations("library");
  const format = useFormatter();
  const live = useLive((s) => s.library) ?? { done, total };
  useEffect(() => {
    if (snapshot.library === null) snapshot = { ...snapshot, library: { done, total } };
    schedule();
  }, [done, total]);
  return (
    <div className="library-progress" data-testid="library-progress">
      <ProgressBar
        done={live.done}
        total={live.total}
        label={t("libraryTranslated", {
          done: format.number(live.done),
          total: format.number(live.total),
        })}
      />
    </div>
  );
}
