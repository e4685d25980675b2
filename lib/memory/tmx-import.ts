import type { Db, Tx } from "../db/client";
import { ValidationError } from "../errors";
import { parseTmx, TmxError, type ParsedTmxUnit } from "../export/tmx";
import { appendRevision } from "../revisions/store";
import { hasControlChars } from "../text/control";
import { sourceKey } from "./source-key";

export interface TmxImportReport {
  /** Distinct sentence pairs in the file (now in the translation memory). */
  units: number;
  /** Sentences in the library that took a unit's translation. */
  applied: number;
}

/** The longest sentence or translation a unit may have (the editor's limit). */
const MAX_TEXT = 5000;

interface Unit {
  source: string;
  sourceKey: string;
  target: string;
  tuid: string | null;
  changedAt: Date | null;
}

/** Checks one parsed unit and brings its text to the one-line form translations have. */
function toUnit(parsed: ParsedTmxUnit, index: number): Unit {
  const where = `<tu> #${index + 1}${parsed.tuid !== null ? ` (tuid "${parsed.tuid}")` : ""}`;
  const source = parsed.source.replace(/\s+/g, " ").trim();
  const target = parsed.target.replace(/\s+/g, " ").trim();
  for (const [what, text] of [
    ["source", source],
    ["translation", target],
  ] as const) {
    if (!text) throw tmxInvalid(`${where}: the ${what} is empty`);
    if (text.length > MAX_TEXT)
      throw tmxInvalid(`${where}: the ${what} is longer than ${MAX_TEXT} characters`);
    if (hasControlChars(text)) throw tmxInvalid(`${where}: the ${what} has control characters`);
  }
  return {
    source,
    sourceKey: sourceKey(source),
    target,
    tuid: parsed.tuid,
    changedAt: parsed.changedAt ? new Date(parsed.changedAt) : null,
  };
}

function tmxInvalid(detail: string, line?: number): ValidationError {
  return new ValidationError(`The TMX file cannot be imported: ${detail}`, "tmxInvalid", {
    detail,
    line: line ?? "",
  });
}

/** Reads and checks the whole file before anything is written. */
export function readTmxUnits(content: string): Unit[] {
  let parsed: ParsedTmxUnit[];
  try {
    parsed = parseTmx(content);
  } catch (error) {
    if (error instanceof TmxError) throw tmxInvalid(error.message, error.line);
    throw error;
  }
  return parsed.map(toUnit);
}

/** For each source, the translation to apply: the most recently changed, else the last in the file. */
function latestBySource(units: Unit[]): Map<string, Unit> {
  const latest = new Map<string, Unit>();
  for (const unit of units) {
    const seen = latest.get(unit.sourceKey);
    const newer = !seen || !seen.changedAt || !unit.changedAt || unit.changedAt >= seen.changedAt;
    if (newer) latest.set(unit.sourceKey, unit);
  }
  return latest;
}

/**
 * Imports a TMX 1.4 file from another translation tool into the translation
 * memory, all of it or nothing. Sentences in the library with the same source
 * take the unit's translation as a `memory` revision unless a person
 * translated them (here or elsewhere in the library).
 */
export async function importTmx(db: Db, content: string): Promise<TmxImportReport> {
  const units = readTmxUnits(content);
  return db.$transaction(
    async (tx) => {
      const ids = new Map<Unit, number>();
      const distinct = new Set<string>();
      for (const unit of units) {
        const row = await tx.memoryUnit.upsert({
          where: { sourceKey_target: { sourceKey: unit.sourceKey, target: unit.target } },
          create: unit,
          update: { source: unit.source, tuid: unit.tuid, changedAt: unit.changedAt },
          select: { id: true },
        });
        ids.set(unit, row.id);
        distinct.add(`${unit.sourceKey}\u0000${unit.target}`);
      }
      let applied = 0;
      for (const unit of latestBySource(units).values())
        applied += await applyUnit(tx, unit, ids.get(unit)!);
      return { units: distinct.size, applied };
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}

/** Gives the unit's translation to every sentence with its source that no person translated. */
async function applyUnit(tx: Tx, unit: Unit, unitId: number): Promise<number> {
  const segments = await tx.segment.findMany({
    where: { sourceKey: unit.sourceKey, removedAt: null },
    select: {
      id: true,
      currentRevisionId: true,
      currentRevision: { select: { origin: true, text: true, memoryOfId: true } },
    },
  });
  let applied = 0;
  for (const segment of segments) {
    const current = segment.currentRevision;
    if (current?.origin === "human") continue;
    // A person's translation from this library, copied by memory, outranks an imported one.
    if (current?.origin === "memory" && current.memoryOfId !== null) continue;
    if (current?.text === unit.target) continue;
    await appendRevision(tx, {
      segmentId: segment.id,
      baseRevisionId: segment.currentRevisionId,
      origin: "memory",
      event: "memory",
      text: unit.target,
      memoryUnitId: unitId,
    });
    applied++;
  }
  return applied;
}
