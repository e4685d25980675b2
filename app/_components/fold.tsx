"use client";

import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";

/**
 * Open state of a menu-like fold: Escape (focus back on its button) or a
 * click outside `root` closes it.
 */
export function useFoldState(
  root: RefObject<HTMLElement | null>,
  toggle: string,
): [boolean, (next: boolean | ((open: boolean) => boolean)) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>(toggle)?.focus();
    };
    const onClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open, root, toggle]);
  return [open, setOpen];
}

/**
 * Controls that fold behind one button on a phone-sized screen and stay in
 * place on a wider one (globals.css, "Folds"): the button and the hiding are
 * in the phone layout only, so a desktop keeps every control where it was.
 */
export function Fold({
  label,
  className,
  children,
}: {
  label: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useFoldState(root, ".fold-toggle");
  return (
    <div ref={root} className={`fold ${className ?? ""}`} data-open={open}>
      <button
        type="button"
        className="fold-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      <div
        id={id}
        className="fold-body"
        onClick={(event) => {
          // Following a link closes the fold: the layout (and the fold) stays on client navigation.
          if ((event.target as Element).closest("a")) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
