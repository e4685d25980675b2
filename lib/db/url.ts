import fs from "node:fs";
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

/**
 * The database location. A `file:` URL is SQLite; it may be relative
 * ("file:./x.db") and is resolved against the project root so that the CLI,
 * the server and the tests all open the same file whatever their working
 * directory. A `postgresql://` (or `postgres://`) URL is PostgreSQL.
 */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL ?? "file:./prisma/dwibahasa.db";
  if (!raw.startsWith("file:")) return raw;
  const file = raw.slice("file:".length);
  if (path.isAbsolute(file)) return raw;
  return "file:" + path.resolve(process.env.DWIBAHASA_ROOT ?? process.cwd(), file);
}

/** Which database a URL names; anything else is refused with what is accepted. */
export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:…".`,
  );
}

/** Creates the folder of a SQLite file so that a fresh DATABASE_URL like file:./data/x.db just works. */
export function ensureDatabaseDir(url: string = databaseUrl()): string {
  if (url.startsWith("file:"))
    fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  return url;
}
