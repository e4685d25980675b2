/**
 * What the Models page shows of each model: size, licence, published scores,
 * speed on this machine, and how far readers' corrections moved its
 * translations in this library (chrF of its output against the corrected
 * text, over the sentences corrected; 100 means nobody changed a character).
 */
import type { Db } from "../../db/client";
import { corpusChrf } from "../../quality/chrf";
import { correctionPairs } from "../../quality/references";
import { KNOWN_MODELS, type KnownModel, type Licence } from "./catalogue";
import { defaultModelId } from "./choice";
import { installedModels } from "./installed";
import type { Architecture } from "./profiles";
import { measuredSpeed, type ModelSpeed } from "./speed";

export interface ModelSummary {
  id: string;
  architecture: Architecture | null;
  installed: boolean;
  isDefault: boolean;
  sizeBytes: number | null;
  licence: Licence | null;
  published: KnownModel["published"] | null;
  speed: ModelSpeed | null;
  corrections: {
    /** Sentences in the library with a machine translation by this model. */
    translated: number;
    /** Of those, sentences a reader corrected. */
    corrected: number;
    /** chrF of the model's output against the corrections (null: nothing corrected yet). */
    chrf: number | null;
  };
}

export async function modelSummaries(db: Db): Promise<{ defaultModel: string; models: ModelSummary[] }> {
  const [defaultModel, pairs, translatedRows] = await Promise.all([
    defaultModelId(db),
    correctionPairs(db),
    db.revision.groupBy({
      by: ["modelId", "segmentId"],
      where: { origin: "machine", modelId: { not: null } },
    }),
  ]);
  const translated = new Map<string, number>();
  for (const row of translatedRows) {
    translated.set(row.modelId!, (translated.get(row.modelId!) ?? 0) + 1);
  }
  const installed = installedModels();
  // Models that translated part of the library and are no longer installed are judged too.
  const ids = [
    ...installed.filter((m) => m.source.installed || m.id === defaultModel).map((m) => m.id),
    ...[...translated.keys()].filter((id) => !installed.some((m) => m.id === id)).sort(),
  ];
  const models = await Promise.all(
    ids.map(async (id): Promise<ModelSummary> => {
      const local = installed.find((m) => m.id === id);
      const own = pairs.filter((p) => p.modelId === id);
      return {
        id,
        architecture: local?.architecture ?? local?.known?.architecture ?? null,
        installed: local?.source.installed ?? false,
        isDefault: id === defaultModel,
        sizeBytes: local?.source.installed ? local.sizeBytes : (local?.known?.sizeBytes ?? null),
        licence: local?.known?.licence ?? null,
        published: local?.known?.published ?? null,
        speed: await measuredSpeed(db, id),
        corrections: {
          translated: translated.get(id) ?? 0,
          corrected: own.length,
          chrf:
            own.length > 0
              ? corpusChrf(
                  own.map((p) => p.machine!),
                  own.map((p) => p.reference),
                )
              : null,
        },
      };
    }),
  );
  return { defaultModel, models };
}

/**
 * The models Dwibahasa can download that the listing does not already show,
 * with their size, licence and published scores, so a reader can weigh one
 * before installing it (nothing measured here yet).
 */
export function installableModels(listed: readonly ModelSummary[]): ModelSummary[] {
  return KNOWN_MODELS.filter((known) => !listed.some((m) => m.id === known.id)).map((known) => ({
    id: known.id,
    architecture: known.architecture,
    installed: false,
    isDefault: false,
    sizeBytes: known.sizeBytes,
    licence: known.licence,
    published: known.published,
    speed: null,
    corrections: { translated: 0, corrected: 0, chrf: null },
  }));
}
