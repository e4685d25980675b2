"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import type { GlossaryMatcher } from "@/lib/glossary/matcher";
import { Link } from "@/lib/i18n/navigation";
import type { ReaderTerm } from "@/lib/glossary/reader-terms";
import { splitAtSpans } from "@/lib/text/spans";

export type { ReaderTerm };

/** A highlighted term with a tooltip: English rendering, note, how many articles use it, a link to the entry. */
function TermMark({ entry, children }: { entry: ReaderTerm; children: ReactNode }) {
  const t = useTranslations("term");
  const [open, setOpen] = useState(false);
  const tipId = useId();
  return (
    <span
      className="term"
      data-entry-id={entry.id}
      tabIndex={0}
      aria-describedby={open ? tipId : undefined}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
      onClick={(e) => {
        // A tap shows the tooltip; it does not open the sentence editor underneath.
        e.stopPropagation();
        setOpen(true);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
    >
      {children}
      {/* Rendered only while open, so that the sentence's text stays the sentence. */}
      {open && (
        <span role="tooltip" id={tipId} className="term-tip open">
          <span className="term-tip-translation" lang="en">
            {entry.translation}
          </span>
          {entry.note && <span className="term-tip-note">{entry.note}</span>}
          <span className="term-tip-usage">{t("usedIn", { count: entry.articleCount })}</span>
          <Link
            href={`/glossary/${entry.id}`}
            className="term-tip-link"
            onClick={(e) => e.stopPropagation()}
          >
            {t("open")}
          </Link>
        </span>
      )}
    </span>
  );
}

/** Text with every glossary occurrence marked, found by one pass of the matcher. */
export function TermText({
  text,
  matcher,
  terms,
}: {
  text: string;
  matcher: GlossaryMatcher<number> | null;
  terms: ReadonlyMap<number, ReaderTerm>;
}) {
  if (!matcher) return <>{text}</>;
  const found = matcher.find(text).flatMap((m) => {
    const entry = terms.get(m.entryId);
    return entry ? [{ start: m.start, end: m.end, entry }] : [];
  });
  return (
    <>
      {splitAtSpans(text, found).map((piece) =>
        piece.span ? (
          <TermMark key={piece.start} entry={piece.span.entry}>
            {piece.text}
          </TermMark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
