// Unsaved corrections live in localStorage until they are saved or discarded,
// so a reload or a closed tab loses nothing.

export interface Draft {
  text: string;
  /** The revision the draft was started from, sent with the save for conflict detection. */
  baseRevisionId: number | null;
}

const PREFIX = "dwibahasa.draft.";

export function loadDraft(segmentId: number): Draft | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + segmentId);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function storeDraft(segmentId: number, draft: Draft): void {
  window.localStorage.setItem(PREFIX + segmentId, JSON.stringify(draft));
}

export function discardDraft(segmentId: number): void {
  window.localStorage.removeItem(PREFIX + segmentId);
}

export function draftIds(): Set<number> {
  const ids = new Set<number>();
  for (let i = 0; i < window.localStorage.length; i++) {
    const key = window.localStorage.key(i);
    if (key?.startsWith(PREFIX)) ids.add(Number(key.slice(PREFIX.length)));
  }
  return ids;
}
