"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { RATES, type ListenScope, type Listening } from "./use-listening";

/**
 * The listening controls, pinned to the bottom of the screen while open: what
 * to read, pause and resume, previous and next sentence, speed, the voice and
 * the English. Without a local Indonesian voice it says how to install one.
 */
export function ListenBar({
  id,
  listening,
  position,
  onPlay,
}: {
  id: string;
  listening: Listening;
  /** The sentence being read and how many there are, for the status line. */
  position: { n: number; total: number } | null;
  onPlay(scope: ListenScope): void;
}) {
  const t = useTranslations("listen");
  const format = useFormatter();
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    // Opening the bar takes the keyboard to its first control.
    root.current?.querySelector<HTMLElement>("button, select, input")?.focus();
  }, []);
  const { availability, state } = listening;
  return (
    <section id={id} ref={root} className="listen-bar" aria-label={t("region")}>
      {availability === "ready" ? (
        <>
          <div className="listen-row" role="group" aria-label={t("play")}>
            <span className="muted">{t("play")}:</span>
            {(["sentence", "paragraph", "article"] as const).map((scope) => (
              <button key={scope} type="button" onClick={() => onPlay(scope)}>
                {t(scope)}
              </button>
            ))}
          </div>
          <div className="listen-row">
            <button
              type="button"
              onClick={() => listening.step(-1)}
              disabled={state === "idle"}
              aria-keyshortcuts="["
              aria-label={t("previous")}
              title={t("previous")}
            >
              ⏮
            </button>
            {state === "paused" ? (
              <button type="button" onClick={listening.resume} aria-keyshortcuts="P">
                {t("resume")}
              </button>
            ) : (
              <button
                type="button"
                onClick={listening.pause}
                disabled={state === "idle"}
                aria-keyshortcuts="P"
              >
                {t("pause")}
              </button>
            )}
            <button
              type="button"
              onClick={() => listening.step(1)}
              disabled={state === "idle"}
              aria-keyshortcuts="]"
              aria-label={t("next")}
              title={t("next")}
            >
              ⏭
            </button>
            <button type="button" onClick={listening.stop} disabled={state === "idle"}>
              {t("stop")}
            </button>
            <label>
              {t("speed")}{" "}
              <select
                value={listening.rate}
                onChange={(e) => listening.setRate(Number(e.target.value))}
              >
                {RATES.map((rate) => (
                  <option key={rate} value={rate}>
                    {format.number(rate)}×
                  </option>
                ))}
              </select>
            </label>
            {listening.voices.length > 1 && (
              <label>
                {t("voice")}{" "}
                <select
                  value={listening.voice?.name}
                  onChange={(e) => listening.chooseVoice(e.target.value)}
                >
                  {listening.voices.map((v) => (
                    <option key={v.name} value={v.name}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <input
                type="checkbox"
                checked={listening.english && listening.englishVoice !== null}
                disabled={listening.englishVoice === null}
                onChange={(e) => listening.setEnglish(e.target.checked)}
              />{" "}
              {t("english")}
            </label>
          </div>
          <p className="muted small listen-status" role="status">
            {position &&
              t(state === "paused" ? "paused" : "reading", {
                n: format.number(position.n),
                total: format.number(position.total),
              })}
            {listening.englishVoice === null && ` ${t("noEnglishVoice")}`}
          </p>
          <p className="muted small">{t("keys")}</p>
        </>
      ) : availability === "loading" ? (
        <p role="status">{t("loading")}</p>
      ) : availability === "unsupported" ? (
        <p role="alert">{t("unsupported")}</p>
      ) : (
        <div role="alert" className="listen-missing">
          <p>{t("noVoice")}</p>
          <p>{t("installTitle")}</p>
          <ul>
            <li>{t("installLinux")}</li>
            <li>{t("installMac")}</li>
            <li>{t("installWindows")}</li>
          </ul>
        </div>
      )}
    </section>
  );
}
