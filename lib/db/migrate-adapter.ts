import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's schema engine (migrate deploy, db push) reads the catalogs through
// the driver adapter, and @prisma/adapter-pg 6.19 refuses their internal types
// ("Column type 'name' could not be deserialized"; prisma/orm#27403). They all
// arrive as text, so the schema engine is told they are text. Only the CLI uses this
// (prisma.config.ts); the app never reads catalog columns. The adapter also
// splits a migration script at every ";", comments and string literals
// included; a script is sent whole instead (PostgreSQL runs it as one
// transaction, so a failing migration leaves nothing half applied).
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
// "char", name, int2vector, regproc, oidvector, pg_node_tree, regclass; name[].
const CATALOG_TEXT = new Set([18, 19, 22, 24, 30, 194, 2205]);
const CATALOG_TEXT_ARRAY = new Set([1003]);

interface Queryable {
  client: { query(sql: string): Promise<unknown> };
}

interface Fields {
  fields?: { dataTypeID: number }[];
}

function nameAsText<T extends object>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      if (key === "performIO")
        return async (...args: unknown[]) => {
          const result = (await value.apply(receiver, args)) as Fields;
          for (const field of result.fields ?? [])
            if (CATALOG_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
            else if (CATALOG_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY_OID;
          return result;
        };
      if (key === "executeScript")
        return async (script: string) => {
          await (target as unknown as Queryable).client.query(script);
        };
      if (key === "startTransaction")
        return async (...args: unknown[]) => nameAsText(await value.apply(receiver, args));
      return value;
    },
  });
}

/** PrismaPg for the Prisma CLI. */
export class MigratePg extends PrismaPg {
  override async connect() {
    return nameAsText(await super.connect());
  }

  override async connectToShadowDb() {
    return nameAsText(await super.connectToShadowDb());
  }
}
