"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

const SHORTCUTS = [
  ["J / ↓", "next"],
  ["K / ↑", "previous"],
  ["N", "nextUnchecked"],
  ["C", "nextLowConfidence"],
  ["Enter", "edit"],
  ["Ctrl+Enter / ⌘+Enter", "save"],
  ["L", "lookup"],
  ["S", "saveWord"],
  ["1 / 2 / 3", "wordStatus"],
  ["P", "listen"],
  ["[ / ]", "listenStep"],
  ["Esc", "cancel"],
  ["?", "help"],
] as const;

/** The keyboard shortcuts, in a modal dialog (opened with "?"). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useTranslations("shortcuts");
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t("title")}</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{t(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">{t("close")}</button>
      </form>
    </dialog>
  );
}
