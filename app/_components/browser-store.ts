"use client";

// Values this browser remembers (localStorage) as React state. Reads go through
// useSyncExternalStore, so the server render and the first client render agree
// (nothing is stored on the server) and every component showing a value updates
// when any of them, or another tab, changes it.

import { useSyncExternalStore } from "react";

const CHANGED = "dwibahasa:stored";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // Storage disabled (private mode, policy): nothing is remembered.
  }
}

/** Stores a value (`null` removes it) and tells every component that shows it. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    return;
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** The stored value of `key`; `null` on the server, before hydration, and when unset. */
export function useStored(key: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => readStored(key),
    () => null,
  );
}

/** The stored keys that start with `prefix` (without it), sorted. */
export function storedKeys(prefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix)) keys.push(key.slice(prefix.length));
    }
  } catch {
    return [];
  }
  return keys.sort();
}

/** `storedKeys(prefix)` as state, joined by "\n" (a string, so that equal lists are equal snapshots). */
export function useStoredKeys(prefix: string): string {
  return useSyncExternalStore(
    subscribe,
    () => storedKeys(prefix).join("\n"),
    () => "",
  );
}
