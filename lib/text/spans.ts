import type { Span } from "./words";

/** A piece of a text: either plain, or covered by one of the spans (given back as `span`). */
export type TextPiece<S extends Span> = { text: string; start: number; span?: S };

/**
 * Cuts a text at sorted, non-overlapping spans, for marking them (search hits,
 * glossary terms, concordance lines). Spans that overlap an earlier one or
 * fall outside the text are skipped.
 */
export function splitAtSpans<S extends Span>(text: string, spans: readonly S[]): TextPiece<S>[] {
  const pieces: TextPiece<S>[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at || span.end <= span.start || span.end > text.length) continue;
    if (span.start > at) pieces.push({ text: text.slice(at, span.start), start: at });
    pieces.push({ text: text.slice(span.start, span.end), start: span.start, span });
    at = span.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), start: at });
  return pieces;
}
