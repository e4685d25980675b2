"use client";

// The article's translations as the reader shows them, and the translation job
// that fills them: POST /api/articles/:slug/translate streams NDJSON events
// (lib/translation/queue.ts) until the job ends.

import { useCallback, useEffect, useRef, useState } from "react";
import type { ArticleView, SegmentView } from "@/lib/articles/queries";
import type { ModelStatus } from "@/lib/translation/engine";
import type { TranslationEvent } from "@/lib/translation/queue";
import { callApi, type ApiFailure } from "../api-client";

export type Translation = SegmentView["translation"];
export type Phase = "idle" | "running" | "done" | "error";

/** Why translation stopped: an API error or a stream error event (with install steps when the model is missing). */
export type TranslationFailure = Pick<ApiFailure, "error" | "code" | "params"> & {
  install?: ModelStatus["install"];
};

/** Reads an NDJSON response line by line. */
export async function* readEvents(response: Response): AsyncGenerator<TranslationEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as TranslationEvent;
    }
  }
}

/** The title's segment and the sentences': the job translates both. */
function allSegments(article: ArticleView): SegmentView[] {
  return [
    ...(article.titleSegment ? [article.titleSegment] : []),
    ...article.paragraphs.flatMap((p) => p.segments),
  ];
}

function translationMap(article: ArticleView): Map<number, Translation> {
  return new Map(allSegments(article).map((s) => [s.id, s.translation] as const));
}

/** Sentences without a translation, or with an out-of-date machine one, need the model. */
function needsModel(article: ArticleView): boolean {
  return allSegments(article).some(
    (s) => !s.translation || (s.translation.outdated && s.translation.origin === "machine"),
  );
}

function modelFailure(model: ModelStatus): TranslationFailure | null {
  if (model.state !== "unavailable") return null;
  return {
    error: model.error ?? "",
    code: "modelUnavailable",
    params: { model: model.id },
    install: model.install,
  };
}

export interface ArticleTranslation {
  translations: ReadonlyMap<number, Translation>;
  phase: Phase;
  failure: TranslationFailure | null;
  /**
   * Starts (or joins) the article's translation job; `retranslate` redoes
   * unchecked machine text, with `model` when an editor chose one.
   */
  translate(retranslate: boolean, model?: string): void;
  /** A translation saved in the editor. */
  setTranslation(segmentId: number, translation: Translation): void;
  /** Reloads every translation (after a save reached other sentences through memory). */
  refresh(): Promise<void>;
}

/** Opening an article that needs the model starts its translation at once. */
export function useArticleTranslation(
  article: ArticleView,
  model: ModelStatus,
): ArticleTranslation {
  const [translations, setTranslations] = useState(() => translationMap(article));
  const autoStart = model.state !== "unavailable" && needsModel(article);
  const [phase, setPhase] = useState<Phase>(autoStart ? "running" : "idle");
  const [failure, setFailure] = useState(() => modelFailure(model));
  const started = useRef(false);

  const fail = (next: TranslationFailure) => {
    setFailure(next);
    setPhase("error");
  };

  const reload = useCallback(async () => {
    const result = await callApi<ArticleView>(`/api/articles/${encodeURIComponent(article.slug)}`);
    if (result.ok) setTranslations(translationMap(result.data));
  }, [article.slug]);

  // Runs the stream; state changes only as events arrive.
  const follow = useCallback(
    async (retranslate: boolean, model?: string) => {
      const query = new URLSearchParams();
      if (retranslate) query.set("retranslate", "1");
      if (retranslate && model) query.set("model", model);
      try {
        const response = await fetch(
          `/api/articles/${encodeURIComponent(article.slug)}/translate${query.size > 0 ? `?${query}` : ""}`,
          { method: "POST" },
        );
        if (!response.ok) {
          const body = (await response.json().catch(() => ({}))) as Partial<TranslationFailure>;
          fail({
            error: body.error ?? response.statusText,
            code: body.code ?? "server",
            params: body.params,
          });
          return;
        }
        for await (const event of readEvents(response)) {
          if (event.type === "segment") {
            setTranslations((prev) =>
              new Map(prev).set(event.segmentId, {
                text: event.text,
                origin: event.origin,
                revisionId: event.revisionId,
                outdated: false,
                reviewed: false,
                createdAt: new Date().toISOString(),
                confidence: event.confidence,
                flags: event.flags,
                // Not in the event; the stored article, reloaded when the job ends, says.
                modelId: null,
              }),
            );
          } else if (event.type === "done") {
            // The background may have translated sentences between this page's
            // rendering and the stream's start; those come with the stored article.
            await reload();
            setPhase("done");
          } else if (event.type === "error") {
            fail(event);
          }
        }
      } catch (error) {
        // The connection broke or the stream was cut: the job may still finish on the server.
        const detail = error instanceof Error ? error.message : String(error);
        fail(
          error instanceof TypeError
            ? { error: detail, code: "network" }
            : { error: detail, code: "translationStopped", params: { detail } },
        );
      }
    },
    [article.slug, reload],
  );

  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    void follow(false);
  }, [autoStart, follow]);

  return {
    translations,
    phase,
    failure,
    translate(retranslate, model) {
      setPhase("running");
      setFailure(null);
      void follow(retranslate, model);
    },
    setTranslation(segmentId, translation) {
      setTranslations((prev) => new Map(prev).set(segmentId, translation));
    },
    refresh: reload,
  };
}
