"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useStored, writeStored } from "./browser-store";
import { WORD_MARKS_KEY } from "./reader/use-saved-words";

type Spacing = "compact" | "normal" | "relaxed";
type Theme = "system" | "light" | "dark";
interface Settings {
  fontSize: number;
  spacing: Spacing;
  theme: Theme;
}

const KEY = "dwibahasa.reading";
const DEFAULTS: Settings = { fontSize: 1.0625, spacing: "normal", theme: "system" };
const LINE_HEIGHT: Record<Spacing, number> = { compact: 1.45, normal: 1.65, relaxed: 1.9 };
const SIZES = [0.875, 0.9375, 1, 1.0625, 1.125, 1.25, 1.375, 1.5, 1.75];

/**
 * Applies saved settings before the page paints (inlined in the layout's
 * <head>), so that a dark theme or a large font never flashes.
 */
export const applySavedSettingsScript = `try{var s=JSON.parse(localStorage.getItem(${JSON.stringify(KEY)})||"{}");var d=document.documentElement;if(s.fontSize)d.style.setProperty("--font-size",s.fontSize+"rem");if(s.spacing)d.style.setProperty("--line-height",${JSON.stringify(LINE_HEIGHT)}[s.spacing]);if(s.theme&&s.theme!=="system")d.dataset.theme=s.theme;}catch(e){}`;

function apply(settings: Settings): void {
  const root = document.documentElement;
  root.style.setProperty("--font-size", `${settings.fontSize}rem`);
  root.style.setProperty("--line-height", String(LINE_HEIGHT[settings.spacing]));
  if (settings.theme === "system") delete root.dataset.theme;
  else root.dataset.theme = settings.theme;
}

function parseSettings(stored: string | null): Settings {
  try {
    return { ...DEFAULTS, ...(JSON.parse(stored ?? "{}") as Partial<Settings>) };
  } catch {
    return DEFAULTS; // Unreadable settings: keep the defaults.
  }
}

/** Text size, line spacing and theme, remembered in this browser. */
export function ReadingSettings() {
  const t = useTranslations("settings");
  const stored = useStored(KEY);
  const settings = useMemo(() => parseSettings(stored), [stored]);
  const wordMarks = useStored(WORD_MARKS_KEY) !== "off";

  const update = (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    apply(next);
    writeStored(KEY, JSON.stringify(next));
  };
  const step = (direction: 1 | -1) => {
    const index = SIZES.findIndex((s) => s >= settings.fontSize);
    const next =
      SIZES[
        Math.min(SIZES.length - 1, Math.max(0, (index < 0 ? SIZES.length - 1 : index) + direction))
      ];
    if (next !== undefined) update({ fontSize: next });
  };

  return (
    <details className="reading-settings">
      <summary>{t("title")}</summary>
      <div className="settings-body">
        <div role="group" aria-label={t("fontSize")} className="settings-row">
          <span>{t("fontSize")}</span>
          <button type="button" onClick={() => step(-1)} aria-label={t("smaller")}>
            A−
          </button>
          <output aria-live="polite">{Math.round(settings.fontSize * 16)}px</output>
          <button type="button" onClick={() => step(1)} aria-label={t("larger")}>
            A+
          </button>
        </div>
        <label className="settings-row">
          <span>{t("lineSpacing")}</span>
          <select
            value={settings.spacing}
            onChange={(e) => update({ spacing: e.target.value as Spacing })}
          >
            {(["compact", "normal", "relaxed"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`spacing.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="settings-row">
          <span>{t("theme")}</span>
          <select
            value={settings.theme}
            onChange={(e) => update({ theme: e.target.value as Theme })}
          >
            {(["system", "light", "dark"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`themes.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="settings-row">
          <input
            type="checkbox"
            checked={wordMarks}
            onChange={(e) => writeStored(WORD_MARKS_KEY, e.target.checked ? null : "off")}
          />
          <span>{t("wordMarks")}</span>
        </label>
      </div>
    </details>
  );
}
