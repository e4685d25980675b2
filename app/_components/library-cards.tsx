"use client";

import { useFormatter, useTranslations } from "next-intl";
import { ArticleProgress } from "./translation-progress";

/** What one library card shows; the line under the title comes formatted from the server. */
export interface LibraryCard {
  slug: string;
  href: string;
  title: string;
  /** The title's English translation and the first sentence's, once translated. */
  titleTranslation: string | null;
  preview: string | null;
  meta: string;
  segmentCount: number;
  translatedCount: number;
  reviewedCount: number;
  flaggedCount: number;
  lowConfidenceCount: number;
}

/**
 * The library's cards as one client component: the page sends each card's
 * fields once, where server-rendered cards also sent every card's element
 * tree to the browser beside its HTML.
 */
export function LibraryCards({ cards }: { cards: LibraryCard[] }) {
  const t = useTranslations("library");
  const format = useFormatter();
  return (
    <ul className="article-list">
      {cards.map((a) => (
        <li key={a.slug} className="article-card" data-slug={a.slug}>
          {/* A plain link: a client Link per card would prefetch every article in view. */}
          <h2 lang="id">
            <a href={a.href}>{a.title}</a>
          </h2>
          {a.titleTranslation && (
            <p className="title-en" lang="en">
              {a.titleTranslation}
            </p>
          )}
          {a.preview && (
            <p className="card-preview" lang="en">
              {a.preview}
            </p>
          )}
          <p className="article-meta">{a.meta}</p>
          <ArticleProgress slug={a.slug} done={a.translatedCount} total={a.segmentCount} />
          <p className="muted small review-count">
            {t("reviewedOf", {
              done: format.number(a.reviewedCount),
              total: format.number(a.segmentCount),
            })}
            {a.flaggedCount > 0 && (
              <span className="library-flagged" data-testid="flagged-count">
                {" · "}
                {t("flagged", { count: a.flaggedCount })}
              </span>
            )}
            {a.lowConfidenceCount > 0 && (
              <span data-testid="low-confidence-count">
                {" · "}
                {t("lowConfidence", { count: a.lowConfidenceCount })}
              </span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
