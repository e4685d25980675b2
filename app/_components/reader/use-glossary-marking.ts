"use client";

import { useMemo } from "react";
import {
  buildEnglishMatcher,
  buildMatcher,
  sourcePatterns,
  targetPatterns,
  type GlossaryMatcher,
} from "@/lib/glossary/matcher";
import type { ReaderTerm } from "../term-text";

export interface GlossaryMarking {
  terms: ReadonlyMap<number, ReaderTerm>;
  /** Finds terms in the Indonesian text, and their renderings in the English text. */
  source: GlossaryMatcher<number> | null;
  english: GlossaryMatcher<number> | null;
}

/** Built once per page from the glossary; each sentence is then one pass of each matcher. */
export function useGlossaryMarking(terms: ReaderTerm[]): GlossaryMarking {
  return useMemo(
    () =>
      terms.length === 0
        ? { terms: new Map(), source: null, english: null }
        : {
            terms: new Map(terms.map((e) => [e.id, e])),
            source: buildMatcher(sourcePatterns(terms)),
            english: buildEnglishMatcher(targetPatterns(terms)),
          },
    [terms],
  );
}
