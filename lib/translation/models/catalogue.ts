/**
 * The hub models Dwibahasa knows how to download and run, with what a reader
 * needs to choose between them: size, licence and published quality.
 */
import type { Architecture } from "./profiles";

export interface Licence {
  /** SPDX identifier. */
  id: string;
  /** What it means for a reader, in one line. */
  meaning: string;
  commercial: boolean;
}

export interface KnownModel {
  id: string;
  architecture: Architecture;
  /** Bytes of the q8 files the app downloads. */
  sizeBytes: number;
  licence: Licence;
  /** Published Indonesian to English scores (higher is better). */
  published: { set: string; bleu: number; chrf: number };
}

const APACHE: Licence = {
  id: "Apache-2.0",
  meaning: "Free to use, also commercially; keep the licence notice.",
  commercial: true,
};

const MIT: Licence = {
  id: "MIT",
  meaning: "Free to use, also commercially; keep the copyright notice.",
  commercial: true,
};

const CC_BY_NC: Licence = {
  id: "CC-BY-NC-4.0",
  meaning: "Non-commercial use only (not for a business's own work); credit the authors.",
  commercial: false,
};

export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    id: "Xenova/opus-mt-id-en",
    architecture: "marian",
    sizeBytes: 103_000_000,
    licence: APACHE,
    published: { set: "FLORES-101, beam 6", bleu: 33.4, chrf: 61.2 },
  },
  {
    id: "Xenova/m2m100_418M",
    architecture: "m2m100",
    sizeBytes: 600_000_000,
    licence: MIT,
    published: { set: "FLORES-200", bleu: 33.2, chrf: 60.6 },
  },
  {
    id: "Xenova/nllb-200-distilled-600M",
    architecture: "nllb",
    sizeBytes: 895_000_000,
    licence: CC_BY_NC,
    published: { set: "FLORES-200", bleu: 38.7, chrf: 65.3 },
  },
];

export function knownModel(id: string): KnownModel | undefined {
  return KNOWN_MODELS.find((m) => m.id === id);
}

/** The files the app reads, by dtype (Transformers.js's file names). */
export function modelFiles(dtype: "q8" | "fp32"): string[] {
  const suffix = dtype === "q8" ? "_quantized" : "";
  return [
    "config.json",
    "generation_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    `onnx/encoder_model${suffix}.onnx`,
    `onnx/decoder_model_merged${suffix}.onnx`,
  ];
}

/** Files a model works without (Transformers.js falls back to config.json's settings). */
export const OPTIONAL_MODEL_FILES: readonly string[] = ["generation_config.json"];

/** The files that must all be in place before a model counts as installed. */
export function requiredModelFiles(dtype: "q8" | "fp32"): string[] {
  return modelFiles(dtype).filter((file) => !OPTIONAL_MODEL_FILES.includes(file));
}
