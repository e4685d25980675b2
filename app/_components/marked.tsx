import { Fragment } from "react";
import { splitAtSpans } from "@/lib/text/spans";
import type { Span } from "@/lib/text/words";

/** Text with the given spans (search hits, concordance matches) in <mark>. */
export function Marked({ text, spans }: { text: string; spans: readonly Span[] }) {
  return (
    <>
      {splitAtSpans(text, spans).map((piece) =>
        piece.span ? (
          <mark key={piece.start}>{piece.text}</mark>
        ) : (
          <Fragment key={piece.start}>{piece.text}</Fragment>
        ),
      )}
    </>
  );
}
