import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseUrl, providerOf } from "../db/url";
import { ALL_TAGS, setBus, type InvalidationBus } from "./bus";

/** The PostgreSQL notification channel the app servers of one database share. */
const CHANNEL = "dwibahasa_cache";
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;
const RECONNECT_MS = 1000;

/**
 * Carries cache invalidations between app servers on one PostgreSQL database
 * with LISTEN/NOTIFY: a server that changes data publishes its tags to the
 * others, whose caches drop what carries them. Local listeners hear a publish
 * at once; other servers as soon as the notification arrives (after the
 * writer's commit, which is when tags are published). The listening
 * connection reconnects by itself after the database restarts.
 */
export class PostgresBus implements InvalidationBus {
  private readonly origin = randomUUID();
  private readonly listeners = new Set<(tags: readonly string[]) => void>();
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private closed = false;
  /** Resolves once this server is listening (for tests and start-up). */
  readonly ready: Promise<void>;

  constructor(private readonly connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 2 });
    this.pool.on("error", () => undefined);
    this.ready = this.listen();
  }

  publish(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.deliver(tags);
    for (const chunk of chunks(tags)) {
      const payload = JSON.stringify({ origin: this.origin, tags: chunk });
      this.pool
        .query("SELECT pg_notify($1, $2)", [CHANNEL, payload])
        .catch((error: Error) =>
          console.error(`Could not tell the other app servers what changed: ${error.message}`),
        );
    }
  }

  subscribe(listener: (tags: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private deliver(tags: readonly string[]): void {
    for (const listener of this.listeners) listener(tags);
  }

  private async listen(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client({ connectionString: this.connectionString });
      try {
        await client.connect();
        client.on("notification", (message) => {
          if (message.channel !== CHANNEL || !message.payload) return;
          const { origin, tags } = JSON.parse(message.payload) as {
            origin: string;
            tags: string[];
          };
          if (origin !== this.origin) this.deliver(tags);
        });
        client.on("error", () => {
          // The connection broke (a database restart): listen again, and drop
          // everything cached, since notifications may have been missed meanwhile.
          if (this.listener === client) this.listener = null;
          if (!this.closed) {
            this.deliver([ALL_TAGS]);
            setTimeout(() => void this.listen(), RECONNECT_MS);
          }
        });
        await client.query(`LISTEN ${CHANNEL}`);
        this.listener = client;
        return;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    }
  }
}

function chunks(tags: readonly string[]): string[][] {
  const out: string[][] = [[]];
  let size = 0;
  for (const tag of tags) {
    if (size + tag.length + 3 > MAX_PAYLOAD && out.at(-1)!.length > 0) {
      out.push([]);
      size = 0;
    }
    out.at(-1)!.push(tag);
    size += tag.length + 3;
  }
  return out;
}

/** On PostgreSQL (several app servers may share the database), caches listen to each other. */
export function installSharedBus(url: string = databaseUrl()): void {
  if (providerOf(url) === "postgresql") setBus(new PostgresBus(url));
}
