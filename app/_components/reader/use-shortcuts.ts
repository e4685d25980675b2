"use client";

import { useEffect, useEffectEvent } from "react";

/** Where typing belongs to a control, a link or a panel, not to the reader's shortcuts. */
const OWN_KEYS =
  "textarea, input, select, button, a, [contenteditable], .segment-editor, .lookup-panel, dialog";

/**
 * Reading shortcuts anywhere on the page, outside text fields (listed in the
 * "?" dialog). `onKey` answers whether it used the key.
 */
export function useReaderShortcuts(onKey: (key: string) => boolean): void {
  const handle = useEffectEvent(onKey);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest(OWN_KEYS)) return;
      if (handle(event.key)) event.preventDefault();
    };
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
