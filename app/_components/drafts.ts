"use client";

// Unsaved corrections live in localStorage until they are saved or discarded,
// so a reload or a closed tab loses nothing.

import { useMemo } from "react";
import { readStored, useStoredKeys, writeStored } from "./browser-store";

export interface Draft {
  text: string;
  /** The revision the draft was started from, sent with the save for conflict detection. */
  baseRevisionId: number | null;
}

const PREFIX = "dwibahasa.draft.";

export function loadDraft(segmentId: number): Draft | null {
  try {
    const raw = readStored(PREFIX + segmentId);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function storeDraft(segmentId: number, draft: Draft): void {
  writeStored(PREFIX + segmentId, JSON.stringify(draft));
}

export function discardDraft(segmentId: number): void {
  writeStored(PREFIX + segmentId, null);
}

/** The sentences with an unsaved draft in this browser; updates as drafts are stored or discarded. */
export function useDraftIds(): ReadonlySet<number> {
  const keys = useStoredKeys(PREFIX);
  return useMemo(() => new Set(keys ? keys.split("\n").map(Number) : []), [keys]);
}
