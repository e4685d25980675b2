// How the reader judges a machine translation it shows: flagged, or of low confidence.

import type { SegmentView } from "@/lib/articles/queries";
import { LOW_CONFIDENCE } from "@/lib/translation/decode";

type Translation = SegmentView["translation"];

/** Unchecked machine text the model itself doubted, or that failed a check. */
export function needsAttention(translation: Translation): boolean {
  if (!translation || translation.reviewed || translation.origin !== "machine") return false;
  return translation.flags.length > 0 || isLowConfidence(translation);
}

export function isLowConfidence(translation: Translation): boolean {
  return (
    translation !== null &&
    !translation.reviewed &&
    translation.confidence !== null &&
    translation.confidence < LOW_CONFIDENCE
  );
}

/** A degenerate output is never shown as a plain translation. */
export function needsReview(translation: Translation): boolean {
  return translation !== null && !translation.reviewed && translation.flags.includes("degenerate");
}
