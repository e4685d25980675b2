"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ModelChoices } from "@/lib/translation/models/choice";

export interface ModelChoice extends ModelChoices {
  /** Whether the reader may store a translation (an editor or the local user). */
  canEdit: boolean;
}

// The sentence editor sits under the columns and the title; a context saves
// passing the models through every component between them.
const Context = createContext<ModelChoice>({ defaultModel: "", available: [], canEdit: false });

export function ModelChoiceProvider({
  value,
  children,
}: {
  value: ModelChoice;
  children: ReactNode;
}) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useModelChoice(): ModelChoice {
  return useContext(Context);
}
