export interface PostgresServer {
  /** Admin URL (database `postgres`). */
  url: string;
  kind: "configured" | "local" | "private";
  stop(): Promise<void>;
}

export interface PrivateServer extends PostgresServer {
  kind: "private";
  /** Stops and starts the server on the same data and port. */
  restart(): Promise<void>;
  stopOnly(): Promise<void>;
  start(): Promise<void>;
}

export const LOCAL_SERVER_URL: string;
export function databaseUrlOn(serverUrl: string, database: string): string;
export function freePort(): Promise<number>;
export function startPrivateServer(options?: {
  log?: (message: string) => void;
}): Promise<PrivateServer>;
export function findServer(): Promise<PostgresServer>;
export function admin(
  serverUrl: string,
  statements: (string | { text: string; values: unknown[] })[],
): Promise<{ rows: Record<string, unknown>[] }[]>;
export function quoteIdent(name: string): string;
export function copyDatabase(serverUrl: string, template: string, name: string): Promise<void>;
export function dropDatabases(serverUrl: string, prefix: string): Promise<number>;
