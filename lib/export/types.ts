export type TranslationOrigin = "machine" | "human" | "memory";

export interface ExportSegment {
  id: number;
  source: string;
  /** The segment's current translation, or null while it is untranslated. */
  translation: {
    text: string;
    origin: TranslationOrigin;
    reviewed: boolean;
    revisionId: number;
    createdAt: string; // ISO 8601
  } | null;
}

export interface ExportArticle {
  slug: string;
  title: string;
  source: string | null;
  publishedAt: string | null; // YYYY-MM-DD
  /** The title as a segment, with its translation once it has one. */
  titleSegment?: ExportSegment | null;
  paragraphs: { index: number; segments: ExportSegment[] }[];
}

/** "side": Indonesian and English next to each other; "interleaved": one after the other. */
export type BilingualLayout = "side" | "interleaved";
