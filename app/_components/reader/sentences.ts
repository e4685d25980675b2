// Moving between sentences and finding the word a reader points at.

import { isSingleWord, wordAt } from "@/lib/text/words";

/** The sentence `delta` places after `from` (null: before the first, or after the last when going back). */
export function stepFrom(order: number[], from: number | null, delta: number): number | undefined {
  const index = from === null ? (delta > 0 ? -1 : order.length) : order.indexOf(from);
  return order[Math.min(order.length - 1, Math.max(0, index + delta))];
}

/** The first sentence after `from`, wrapping around, that `wanted` accepts. */
export function nextWhere(
  order: number[],
  from: number | null,
  wanted: (id: number) => boolean,
): number | undefined {
  const index = from === null ? -1 : order.indexOf(from);
  return [...order.slice(index + 1), ...order.slice(0, index + 1)].find(wanted);
}

/** Focuses a sentence (the English one, or the Indonesian one when English is hidden). */
export function focusSentence(root: HTMLElement | null, id: number): void {
  root
    ?.querySelector<HTMLElement>(
      `.para.target [data-segment-id="${id}"], .para.source [data-segment-id="${id}"]`,
    )
    ?.focus();
}

/** The selected word, or else the word under the pointer. */
export function wordAtPoint(x: number, y: number): string | null {
  const selected = window.getSelection()?.toString().trim();
  if (selected && isSingleWord(selected)) return selected;
  const range = document.caretRangeFromPoint?.(x, y);
  if (!range || range.startContainer.nodeType !== Node.TEXT_NODE) return null;
  return wordAt(range.startContainer.textContent ?? "", range.startOffset);
}

/** The id of the sentence under the pointer, if any. */
export function segmentAtPoint(x: number, y: number): number | undefined {
  const id = document
    .elementFromPoint(x, y)
    ?.closest("[data-segment-id]")
    ?.getAttribute("data-segment-id");
  return id ? Number(id) : undefined;
}
