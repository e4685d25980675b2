"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { WordLookup } from "@/lib/lookup/library";
import { Link } from "@/lib/i18n/navigation";
import { distinctWords } from "@/lib/text/words";
import { wordKey } from "@/lib/words/records";
import { callApi, useApiErrorText, type ApiFailure } from "./api-client";
import type { SavedWords } from "./reader/use-saved-words";
import { WordSave } from "./word-save";

/** A word, or a sentence to pick one from; `segmentId` is the sentence it was met in. */
export type LookupRequest = ({ word: string } | { sentence: string }) & { segmentId?: number };

/**
 * A non-modal panel: the word, its root, English senses, glossary entry, and
 * uses in the library. The reader gives each request its own panel (a new key).
 */
export function LookupPanel({
  request,
  onClose,
  savedWords,
}: {
  request: LookupRequest;
  onClose(): void;
  /** The reader's saved words: with a sentence, the panel saves the word and sets its status. */
  savedWords?: SavedWords;
}) {
  const t = useTranslations("lookup");
  const errorText = useApiErrorText();
  const [word, setWord] = useState<string | null>("word" in request ? request.word : null);
  // The last answer, with the word it answers: another word shows "loading" until its own arrives.
  const [answer, setAnswer] = useState<{
    word: string;
    result?: WordLookup;
    failure?: ApiFailure;
  } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  useEffect(() => {
    heading.current?.focus();
    if (!word) return;
    void callApi<WordLookup>(`/api/lookup?word=${encodeURIComponent(word)}`).then((r) =>
      setAnswer(r.ok ? { word, result: r.data } : { word, failure: r }),
    );
  }, [word]);
  const current = answer?.word === word ? answer : null;
  const result = current?.result ?? null;
  const error = current?.failure ? errorText(current.failure) : null;

  return (
    <aside
      className="lookup-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="lookup-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {word ? <span lang="id">{word}</span> : t("title")}
        </h2>
        <button type="button" onClick={onClose}>
          {t("close")}
        </button>
      </div>
      {"sentence" in request && (
        <div className="lookup-words" aria-label={t("pick")} role="group">
          {distinctWords(request.sentence).map((w) => (
            <button
              key={w}
              type="button"
              lang="id"
              aria-pressed={w === word}
              onClick={() => setWord(w)}
            >
              {w}
            </button>
          ))}
        </div>
      )}
      {word && request.segmentId !== undefined && savedWords && (
        <WordSave
          key={word}
          form={word}
          segmentId={request.segmentId}
          mark={savedWords.marks.get(wordKey(word))}
          onChange={(key, mark) => (mark ? savedWords.put(mark) : savedWords.remove(key))}
        />
      )}
      <div aria-live="polite">
        {error && <p className="notice">{t("failed", { message: error })}</p>}
        {word && !result && !error && <p className="muted">{t("loading")}</p>}
        {result && (
          <>
            <p>
              <span className="label">{t("root")}</span>{" "}
              <strong lang="id" data-testid="lookup-root">
                {result.root}
              </strong>
            </p>
            <p className="label">{t("senses")}</p>
            {result.senses.length === 0 ? (
              <p className="muted">{t("notInDictionary")}</p>
            ) : (
              <ol className="senses" lang="en">
                {result.senses.map((s, i) => (
                  <li key={i}>
                    {s.gloss}
                    {s.pos && <span className="muted small"> ({s.pos})</span>}
                    {s.definition && <span className="muted small"> · {s.definition}</span>}
                  </li>
                ))}
              </ol>
            )}
            {result.glossary && (
              <p>
                <span className="label">{t("glossary")}</span>{" "}
                <Link href={`/glossary/${result.glossary.id}`}>
                  <span lang="id">{result.glossary.term}</span> ={" "}
                  <span lang="en">{result.glossary.translation}</span>
                </Link>
              </p>
            )}
            {result.senses.some((s) => s.source !== "dwibahasa") && (
              <p className="muted small">{t("attribution", result.dictionary)}</p>
            )}
            <p className="label">{t("uses")}</p>
            {result.uses.length === 0 ? (
              <p className="muted">{t("noUses")}</p>
            ) : (
              <ul className="uses">
                {result.uses.map((u) => (
                  <li key={u.segmentId}>
                    <Link href={`/articles/${u.slug}#s-${u.segmentId}`} lang="id">
                      {u.source}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </aside>
  );
}
