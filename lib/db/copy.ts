/**
 * Copies a whole library between databases (SQLite <-> PostgreSQL): every table
 * of the Prisma schema, with its ids, so every revision keeps its author, time
 * and links. Rows go through the Prisma clients (each converts its own types);
 * the order of tables follows the target's foreign keys, and a nullable key
 * that closes a cycle (Segment.currentRevisionId) is filled in afterwards. The
 * search index is rebuilt on the target, id sequences are moved past the
 * copied ids, and each table's count and checksum are compared at the end.
 */
import { createHash } from "node:crypto";
import { providerOfDb, type Db, type Tx } from "./client";

interface RuntimeModel {
  dbName: string | null;
  fields: { name: string; kind: string }[];
}

/** The models of the schema the client was generated from. */
function models(db: Db): { name: string; table: string; delegate: string; scalars: string[] }[] {
  const runtime = (db as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })
    ._runtimeDataModel.models;
  return Object.entries(runtime).map(([name, model]) => ({
    name,
    table: model.dbName ?? name,
    delegate: name.charAt(0).toLowerCase() + name.slice(1),
    scalars: model.fields
      .filter((f) => f.kind === "scalar" || f.kind === "enum")
      .map((f) => f.name),
  }));
}

interface ForeignKey {
  table: string;
  column: string;
  references: string;
  nullable: boolean;
}

interface TableKeys {
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

async function tableKeys(db: Db, table: string): Promise<TableKeys> {
  if (providerOfDb(db) === "sqlite") {
    const columns = await db.$queryRawUnsafe<{ name: string; notnull: number; pk: number }[]>(
      `PRAGMA table_info("${table.replaceAll('"', '""')}")`,
    );
    const fks = await db.$queryRawUnsafe<{ table: string; from: string }[]>(
      `PRAGMA foreign_key_list("${table.replaceAll('"', '""')}")`,
    );
    return {
      primaryKey: columns
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => c.name),
      foreignKeys: fks.map((fk) => ({
        table,
        column: fk.from,
        references: fk.table,
        nullable: Number(columns.find((c) => c.name === fk.from)?.notnull) === 0,
      })),
    };
  }
  const primaryKey = await db.$queryRaw<{ column: string }[]>`
    SELECT a.attname::text AS "column"
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = format('%I', ${table}::text)::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey, a.attnum)`;
  const fks = await db.$queryRaw<{ column: string; references: string; nullable: boolean }[]>`
    SELECT a.attname::text AS "column", r.relname::text AS "references", NOT a.attnotnull AS "nullable"
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_class r ON r.oid = c.confrelid
    WHERE c.contype = 'f' AND c.conrelid = format('%I', ${table}::text)::regclass`;
  return {
    primaryKey: primaryKey.map((r) => r.column),
    foreignKeys: fks.map((fk) => ({ table, ...fk })),
  };
}

type Row = Record<string, unknown>;

/** One value as text, the same whichever database it was read from. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
}

export interface TableReport {
  model: string;
  count: number;
  checksum: string;
}

/** Each model's row count and a checksum of its rows (order-independent). */
export async function libraryChecksums(db: Db): Promise<TableReport[]> {
  const out: TableReport[] = [];
  for (const model of models(db)) {
    const rows = (await delegate(db, model.delegate).findMany()) as Row[];
    const lines = rows
      .map((row) => JSON.stringify(model.scalars.map((f) => [f, canonical(row[f])])))
      .sort();
    const hash = createHash("sha256");
    for (const line of lines) hash.update(line).update("\n");
    out.push({ model: model.name, count: rows.length, checksum: hash.digest("hex").slice(0, 16) });
  }
  return out;
}

interface Delegate {
  findMany(args?: unknown): Promise<unknown[]>;
  count(): Promise<number>;
  createMany(args: { data: Row[] }): Promise<unknown>;
  update(args: { where: Row; data: Row }): Promise<unknown>;
}

function delegate(db: Db | Tx, name: string): Delegate {
  return (db as unknown as Record<string, Delegate>)[name]!;
}

/** Tables in an order where each row's required keys point at rows already copied. */
function insertionOrder(
  tables: string[],
  keys: Map<string, TableKeys>,
): { order: string[]; deferred: ForeignKey[] } {
  const order: string[] = [];
  const deferred: ForeignKey[] = [];
  const remaining = new Set(tables);
  const waitingOn = (table: string) =>
    keys
      .get(table)!
      .foreignKeys.filter(
        (fk) =>
          remaining.has(fk.references) &&
          !deferred.includes(fk) &&
          !(fk.references === table && fk.nullable),
      );
  while (remaining.size > 0) {
    const ready = [...remaining].find((t) => waitingOn(t).length === 0);
    if (ready) {
      order.push(ready);
      remaining.delete(ready);
      for (const fk of keys.get(ready)!.foreignKeys)
        if (fk.references === ready && fk.nullable && !deferred.includes(fk)) deferred.push(fk);
      continue;
    }
    // A cycle: break it at a nullable key, filled in once both sides exist.
    const breakable = [...remaining]
      .flatMap((t) => waitingOn(t))
      .find((fk) => fk.nullable && remaining.has(fk.references));
    if (!breakable) throw new Error(`Cannot order tables ${[...remaining].join(", ")}.`);
    deferred.push(breakable);
  }
  return { order, deferred };
}

export interface CopyReport {
  source: TableReport[];
  target: TableReport[];
  identical: boolean;
}

const CHUNK = 500;

/**
 * Copies every row of `from` into `to`, which must have the same migrations
 * applied and hold no rows. All of it happens in one transaction on `to`: a
 * failed copy leaves it empty.
 */
export async function copyLibrary(from: Db, to: Db): Promise<CopyReport> {
  const list = models(to);
  for (const model of list) {
    const count = await delegate(to, model.delegate).count();
    if (count > 0)
      throw new Error(
        `The target already holds ${count} ${model.name} rows: copy into an empty database only.`,
      );
  }
  const byTable = new Map(list.map((m) => [m.table, m]));
  const keys = new Map<string, TableKeys>();
  for (const model of list) keys.set(model.table, await tableKeys(to, model.table));
  const { order, deferred } = insertionOrder([...byTable.keys()], keys);

  await to.$transaction(
    async (tx) => {
      const later: { model: string; where: Row; data: Row }[] = [];
      for (const table of order) {
        const model = byTable.get(table)!;
        const rows = (await delegate(from, model.delegate).findMany()) as Row[];
        const postponed = deferred.filter((fk) => fk.table === table).map((fk) => fk.column);
        const primaryKey = keys.get(table)!.primaryKey;
        const data = rows.map((row) => {
          const copy: Row = {};
          for (const field of model.scalars) copy[field] = row[field];
          const filled: Row = {};
          for (const column of postponed)
            if (copy[column] !== null && copy[column] !== undefined) {
              filled[column] = copy[column];
              copy[column] = null;
            }
          if (Object.keys(filled).length > 0)
            later.push({
              model: model.delegate,
              where: Object.fromEntries(primaryKey.map((k) => [k, row[k]])),
              data: filled,
            });
          return copy;
        });
        for (let i = 0; i < data.length; i += CHUNK)
          await delegate(tx, model.delegate).createMany({ data: data.slice(i, i + CHUNK) });
      }
      for (const { model, where, data } of later) await delegate(tx, model).update({ where, data });
      if (providerOfDb(to) === "postgresql") await moveSequences(tx, order);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  const { rebuildSearchIndex } = await import("../search/index");
  await rebuildSearchIndex(to);
  const [source, target] = [await libraryChecksums(from), await libraryChecksums(to)];
  const identical = JSON.stringify(source) === JSON.stringify(target);
  return { source, target, identical };
}

/** Rows were inserted with their ids: the next id PostgreSQL hands out must come after them. */
async function moveSequences(tx: Tx, tables: string[]): Promise<void> {
  for (const table of tables) {
    const serials = await tx.$queryRaw<{ column: string }[]>`
      SELECT column_name::text AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}::text
        AND column_default LIKE 'nextval(%'`;
    for (const { column } of serials) {
      const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
      await tx.$executeRawUnsafe(
        `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${ident(column)}), 0) + 1, false) FROM ${ident(table)}`,
        ident(table),
        column,
      );
    }
  }
}
