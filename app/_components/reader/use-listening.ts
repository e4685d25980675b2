"use client";

// Reading the article aloud with the Web Speech API, with voices installed on
// this computer only (localService): a network voice would send the text to
// another company's server, so none is ever used, not even as a fallback.

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useStored, writeStored } from "../browser-store";

/** One sentence to read: its segment, and the texts in each language. */
export interface Spoken {
  id: number;
  source: string;
  translation: string | null;
}

export type ListenScope = "sentence" | "paragraph" | "article";
export type ListenState = "idle" | "playing" | "paused";

export const RATES = [0.6, 0.8, 1, 1.2, 1.5] as const;
const SETTINGS = "dwibahasa.listening";

interface Settings {
  rate: number;
  english: boolean;
}

/** The voices that never leave the machine, for a language ("id", "en"). */
export function localVoices(
  voices: readonly SpeechSynthesisVoice[],
  language: string,
): SpeechSynthesisVoice[] {
  // Older Android systems name Indonesian "in".
  const tags = language === "id" ? ["id", "in"] : [language];
  return voices.filter(
    (v) => v.localService && tags.some((tag) => v.lang.toLowerCase().split(/[-_]/)[0] === tag),
  );
}

/** The browser's voices, once it has listed them (null until then, or without speech). */
function useVoices(): readonly SpeechSynthesisVoice[] | null {
  const [voices, setVoices] = useState<readonly SpeechSynthesisVoice[] | null>(null);
  useEffect(() => {
    if (typeof speechSynthesis === "undefined") return;
    const read = () => {
      const list = speechSynthesis.getVoices();
      if (list.length > 0) setVoices(list);
    };
    read();
    // Some browsers list their voices only later; an empty list after a while means none.
    const timer = setTimeout(() => setVoices((v) => v ?? speechSynthesis.getVoices()), 1500);
    speechSynthesis.addEventListener("voiceschanged", read);
    return () => {
      clearTimeout(timer);
      speechSynthesis.removeEventListener("voiceschanged", read);
    };
  }, []);
  return voices;
}

const noSubscription = () => () => {};

export interface Listening {
  /** "unsupported": no speech in this browser; "loading": voices not listed yet; "none": no local Indonesian voice. */
  availability: "unsupported" | "loading" | "none" | "ready";
  voices: SpeechSynthesisVoice[];
  voice: SpeechSynthesisVoice | null;
  chooseVoice(name: string): void;
  englishVoice: SpeechSynthesisVoice | null;
  state: ListenState;
  /** The sentence being read, highlighted in both columns. */
  currentId: number | null;
  rate: number;
  setRate(rate: number): void;
  english: boolean;
  setEnglish(on: boolean): void;
  play(items: Spoken[]): void;
  pause(): void;
  resume(): void;
  step(delta: 1 | -1): void;
  stop(): void;
}

/** The listening state of one reader: what is read, where, how fast, in which voices. */
export function useListening(): Listening {
  const supported = useSyncExternalStore(
    noSubscription,
    () => typeof speechSynthesis !== "undefined",
    () => false,
  );
  const all = useVoices();
  const voices = localVoices(all ?? [], "id");
  const [voiceName, setVoiceName] = useState<string | null>(null);
  const voice = voices.find((v) => v.name === voiceName) ?? voices[0] ?? null;
  const englishVoice = localVoices(all ?? [], "en")[0] ?? null;
  const stored = useStored(SETTINGS);
  const settings = parseSettings(stored);

  const [state, setState] = useState<ListenState>("idle");
  const [currentId, setCurrentId] = useState<number | null>(null);
  // The reading position lives in a ref: utterance callbacks read the latest one.
  const run = useRef<Run>({
    items: [],
    index: 0,
    token: 0,
  });
  const latest = useRef({ voice, englishVoice, settings });
  useEffect(() => {
    latest.current = { voice, englishVoice, settings };
  });

  const finish = useCallback(() => {
    run.current = { items: [], index: 0, token: run.current.token + 1 };
    setState("idle");
    setCurrentId(null);
  }, []);

  const speakAt = (index: number) =>
    speakFrom(run, index, () => latest.current, {
      reading(id) {
        setCurrentId(id);
        setState("playing");
      },
      ended: finish,
    });

  // Leaving the page stops the voice.
  useEffect(
    () => () => {
      if (typeof speechSynthesis !== "undefined" && run.current.items.length > 0)
        speechSynthesis.cancel();
    },
    [],
  );

  const availability: Listening["availability"] = !supported
    ? "unsupported"
    : all === null
      ? "loading"
      : voice
        ? "ready"
        : "none";

  return {
    availability,
    voices,
    voice,
    chooseVoice: setVoiceName,
    englishVoice,
    state,
    currentId,
    rate: settings.rate,
    setRate: (rate) => writeStored(SETTINGS, JSON.stringify({ ...settings, rate })),
    english: settings.english,
    setEnglish: (english) => writeStored(SETTINGS, JSON.stringify({ ...settings, english })),
    play(items) {
      if (availability !== "ready" || items.length === 0) return;
      run.current = { items, index: 0, token: run.current.token };
      speakAt(0);
    },
    pause() {
      if (state !== "playing") return;
      speechSynthesis.pause();
      setState("paused");
    },
    resume() {
      if (state !== "paused") return;
      speechSynthesis.resume();
      setState("playing");
    },
    step(delta) {
      if (state === "idle") return;
      const next = Math.min(run.current.items.length - 1, Math.max(0, run.current.index + delta));
      // A paused voice stays paused after cancel in some browsers: resume first.
      speechSynthesis.resume();
      speakAt(next);
    },
    stop() {
      speechSynthesis.cancel();
      finish();
    },
  };
}

interface Run {
  items: Spoken[];
  index: number;
  /** Bumped by every new start: a cancelled utterance's end is then ignored. */
  token: number;
}

/**
 * Reads the sentence at `index` (Indonesian, then its English when chosen),
 * and at its end the next one, until the last.
 */
function speakFrom(
  run: { current: Run },
  index: number,
  // Read at each sentence: a new speed or voice applies from the next one.
  choices: () => {
    voice: SpeechSynthesisVoice | null;
    englishVoice: SpeechSynthesisVoice | null;
    settings: Settings;
  },
  on: { reading(id: number): void; ended(): void },
): void {
  const item = run.current.items[index];
  const token = run.current.token + 1;
  run.current = { ...run.current, index, token };
  speechSynthesis.cancel();
  const with_ = choices();
  if (!item || !with_.voice) return on.ended();
  on.reading(item.id);
  const parts = [{ text: item.source, voice: with_.voice }];
  if (with_.settings.english && with_.englishVoice && item.translation)
    parts.push({ text: item.translation, voice: with_.englishVoice });
  parts.forEach((part, k) => {
    const utterance = new SpeechSynthesisUtterance(part.text);
    // Always a chosen local voice: never the browser's default, which may be online.
    utterance.voice = part.voice;
    utterance.lang = part.voice.lang;
    utterance.rate = with_.settings.rate;
    if (k === parts.length - 1)
      utterance.onend = () => {
        if (run.current.token === token) speakFrom(run, index + 1, choices, on);
      };
    utterance.onerror = (event) => {
      const stopped = event.error === "interrupted" || event.error === "canceled";
      if (run.current.token === token && !stopped) on.ended();
    };
    speechSynthesis.speak(utterance);
  });
}

function parseSettings(stored: string | null): Settings {
  const defaults: Settings = { rate: 1, english: false };
  try {
    const parsed = JSON.parse(stored ?? "{}") as Partial<Settings>;
    return {
      rate: RATES.includes(parsed.rate as (typeof RATES)[number]) ? parsed.rate! : defaults.rate,
      english: parsed.english === true,
    };
  } catch {
    return defaults; // Unreadable settings: the defaults.
  }
}
