import fs from "node:fs";
import path from "node:path";

/**
 * The SQLite database location. DATABASE_URL may be relative ("file:./x.db");
 * it is resolved against the project root so that the CLI, the server and the
 * tests all open the same file whatever their working directory.
 */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL ?? "file:./prisma/dwibahasa.db";
  if (!raw.startsWith("file:")) return raw;
  const file = raw.slice("file:".length);
  if (path.isAbsolute(file)) return raw;
  return "file:" + path.resolve(process.env.DWIBAHASA_ROOT ?? process.cwd(), file);
}

/** Creates the folder of a SQLite file so that a fresh DATABASE_URL like file:./data/x.db just works. */
export function ensureDatabaseDir(url: string = databaseUrl()): string {
  if (url.startsWith("file:"))
    fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  return url;
}
