// Whole responses (pages and JSON) kept in memory and served again until the
// data they were made from changes. Every page carries a fresh script nonce
// (lib/security/headers.ts), which made every page render again on every
// request; here a page is rendered once with a placeholder nonce that only
// this process knows, and each response gets its own nonce in its place.
//
// scripts/serve.mjs hands every request to serve(). What may be stored is
// decided by what the response read (lib/cache/response-scope.ts): values of
// tagged caches, dropped with the same tags from the invalidation bus, so a
// write is seen by the very next read, here and on every other app server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { refuseRequest } from "../security/gate";
import { newNonce, renderNonceHeader } from "../security/headers";
import { ALL_TAGS, getBus, type InvalidationBus } from "./bus";
import { newResponseScope, recordReads, scopeTags, type ResponseScope } from "./response-scope";
import { TaggedCache } from "./tagged-cache";

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

interface StoredResponse {
  status: number;
  headers: [string, string | string[]][];
  /** The body cut at the placeholder nonce. */
  parts: string[];
  /** The volatile reads it made, still the same? */
  checks: (() => boolean)[];
}

interface Captured {
  status: number;
  body: Buffer;
}

/** Bodies above this are sent but not kept (with the entry limit, memory stays under about 100 MB). */
const MAX_STORED_BYTES = 512 * 1024;
const STORED_TYPES = /^(text\/html|application\/json)\b/;
/** Headers of one response only, never replayed. */
const NOT_REPLAYED = new Set([
  "content-length",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
  "etag",
]);

/**
 * What identifies a response that may be kept, or null for a request that is
 * always passed on: everything the proxy and the app read of a request is in
 * it (address, Host, cookies, languages, the forwarded scheme).
 */
export function responseKey(request: IncomingMessage): string | null {
  if (request.method !== "GET") return null;
  const url = request.url ?? "/";
  const path = url.split("?")[0]!;
  if (path.startsWith("/_next/") || /\.[^/]+$/.test(path)) return null;
  const h = request.headers;
  // In-app navigation payloads vary with the router's state; conditional and
  // partial requests would be answered from a body with another nonce.
  if (
    h.rsc ||
    h["next-router-state-tree"] ||
    h["next-router-prefetch"] ||
    h["next-action"] ||
    /[?&]_rsc=/.test(url) ||
    h.authorization ||
    h.range ||
    h["if-none-match"] ||
    h["if-modified-since"]
  )
    return null;
  return JSON.stringify([
    url,
    h.host ?? "",
    h.cookie ?? "",
    h["accept-language"] ?? "",
    h.accept ?? "",
    h["x-forwarded-proto"] ?? "",
    h["x-forwarded-host"] ?? "",
  ]);
}

export class ResponseCache {
  private readonly stored: TaggedCache<StoredResponse>;
  /** Known only to this process; never sent (every response gets a fresh nonce in its place). */
  private readonly placeholder = newNonce();
  /** Tags published while each response was being made. */
  private readonly making = new Map<ResponseScope, Set<string>>();

  constructor(maxEntries = 200, bus: InvalidationBus = getBus()) {
    this.stored = new TaggedCache<StoredResponse>(maxEntries, bus);
    bus.subscribe((tags) => {
      for (const published of this.making.values()) for (const tag of tags) published.add(tag);
    });
  }

  async serve(request: IncomingMessage, response: ServerResponse, handle: Handle): Promise<void> {
    const key = responseKey(request);
    const header = renderNonceHeader();
    if (!key || !header) return handle(request, response);
    const kept = await this.stored.peek(key);
    if (kept && kept.checks.every((check) => check()) && (await this.admitted(request))) {
      return send(response, kept, newNonce(), "hit");
    }
    request.headers[header] = this.placeholder;
    // The body must stay readable to put the nonce in.
    delete request.headers["accept-encoding"];
    const scope = newResponseScope();
    const published = new Set<string>();
    this.making.set(scope, published);
    let captured: Captured | null;
    try {
      captured = await recordReads(scope, () =>
        capture(
          response,
          () => handle(request, response),
          () => replaceInHeaders(response, this.placeholder, newNonce()),
        ),
      );
    } catch (error) {
      // What Next.js would have answered had it not thrown: a 500, and the error in the log.
      console.error(error);
      if (!response.headersSent) response.statusCode = 500;
      if (!response.writableEnded) response.end();
      return;
    } finally {
      this.making.delete(scope);
    }
    // Passed on as it was written (not a page or JSON), or the client went away.
    if (!captured) return;
    const made = this.toStored(response, captured, scope);
    const tags = scopeTags(scope);
    const refusal = this.refusal(response, captured, scope, tags, published);
    if (!refusal) this.stored.put(key, made, tags!);
    send(response, made, newNonce(), refusal ? `not kept: ${refusal}` : "kept", true);
  }

  /** What the proxy would refuse (a Host, a rate limit) is refused by the proxy. */
  private async admitted(request: IncomingMessage): Promise<boolean> {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      const url = `http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`;
      return (await refuseRequest(new Request(url, { headers }))) === null;
    } catch {
      return false;
    }
  }

  /** Why a response just made is not kept, or null when it is. */
  private refusal(
    response: ServerResponse,
    captured: Captured,
    scope: ResponseScope,
    tags: string[] | null,
    published: Set<string>,
  ): string | null {
    if (scope.unstorable) return scope.unstorable;
    if (captured.status !== 200) return `status ${captured.status}`;
    if (setsPersonalCookie(response)) return "sets a cookie";
    if (captured.body.length > MAX_STORED_BYTES) return "too large";
    if (!tags) return "a value it read was dropped while loading";
    // A write during the making: what was read may be from before it.
    if (published.has(ALL_TAGS) || tags.some((tag) => published.has(tag)))
      return "what it read changed meanwhile";
    if (!scope.checks.every((check) => check())) return "what it read changed meanwhile";
    return null;
  }

  private toStored(
    response: ServerResponse,
    captured: Captured,
    scope: ResponseScope,
  ): StoredResponse {
    const headers: [string, string | string[]][] = [];
    for (const [name, value] of Object.entries(response.getHeaders())) {
      if (value === undefined || NOT_REPLAYED.has(name)) continue;
      headers.push([name, typeof value === "number" ? String(value) : value]);
    }
    return {
      status: captured.status,
      headers: headers.map(([name, value]) => [name, swap(value, this.placeholder, PLACEHOLDER)]),
      parts: captured.body.toString("utf8").split(this.placeholder),
      checks: scope.checks,
    };
  }
}

/**
 * Cookies that are the same for everyone who sends the same request: the
 * interface language next-intl remembers, which follows from the address.
 */
const SHARED_COOKIES = new Set(["NEXT_LOCALE"]);

function setsPersonalCookie(response: ServerResponse): boolean {
  const header = response.getHeader("set-cookie");
  if (header === undefined) return false;
  const cookies = Array.isArray(header) ? header : [String(header)];
  return cookies.some((cookie) => !SHARED_COOKIES.has(cookie.split("=")[0]!.trim()));
}

/** Marks the nonce's place in stored header values (split like the body at send). */
const PLACEHOLDER = "\u0000nonce\u0000";

function swap(value: string | string[], from: string, to: string): string | string[] {
  return Array.isArray(value)
    ? value.map((v) => v.split(from).join(to))
    : value.split(from).join(to);
}

function replaceInHeaders(response: ServerResponse, from: string, to: string): void {
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (typeof value === "string" || Array.isArray(value))
      response.setHeader(name, swap(value, from, to));
  }
}

/** Says where a response came from: "hit", "kept" (made and kept) or why it was not kept. */
export const RESPONSE_CACHE_HEADER = "x-response-cache";

function send(
  response: ServerResponse,
  stored: StoredResponse,
  nonce: string,
  outcome: string,
  headersSet = false,
): void {
  const body = stored.parts.join(nonce);
  if (headersSet) for (const name of NOT_REPLAYED) response.removeHeader(name);
  response.statusCode = stored.status;
  for (const [name, value] of stored.headers)
    response.setHeader(name, swap(value, PLACEHOLDER, nonce));
  response.setHeader("content-length", Buffer.byteLength(body));
  response.setHeader(RESPONSE_CACHE_HEADER, outcome);
  response.end(body);
}

type Write = ServerResponse["write"];
type End = ServerResponse["end"];
type WriteHead = ServerResponse["writeHead"];

/**
 * Runs handle with the response's body held back. Resolves with the body once
 * the response ends, or null when the response turns out to be of a kind that
 * is not kept (then everything is passed on as written, from then on too).
 */
function capture(
  response: ServerResponse,
  handle: () => Promise<void> | void,
  beforePassingOn: () => void,
): Promise<Captured | null> {
  const original = {
    write: response.write,
    end: response.end,
    writeHead: response.writeHead,
    flushHeaders: response.flushHeaders,
  };
  const chunks: Buffer[] = [];
  const restore = () => Object.assign(response, original);
  return new Promise<Captured | null>((resolve, reject) => {
    let passing = false;
    // A body that is not a page or JSON (a file, an event stream) goes out as it comes.
    const passOn = () => {
      passing = true;
      restore();
      beforePassingOn();
      for (const chunk of chunks.splice(0)) response.write(chunk);
      resolve(null);
    };
    const held = () => {
      if (passing) return false;
      if (!STORED_TYPES.test(String(response.getHeader("content-type") ?? ""))) {
        passOn();
        return false;
      }
      return true;
    };
    const toBuffer = (chunk: unknown, encoding?: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
    response.writeHead = function (status: number, ...rest: unknown[]) {
      response.statusCode = status;
      if (typeof rest[0] === "string") response.statusMessage = rest.shift() as string;
      const headers = rest[0];
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2)
          response.setHeader(String(headers[i]), headers[i + 1] as string);
      } else if (headers && typeof headers === "object") {
        for (const [name, value] of Object.entries(headers))
          if (value !== undefined) response.setHeader(name, value as string);
      }
      return response;
    } as WriteHead;
    response.flushHeaders = () => undefined;
    response.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
      const done = typeof encoding === "function" ? encoding : callback;
      if (!held())
        return original.write.call(
          response,
          chunk as string,
          encoding as BufferEncoding,
          done as () => void,
        );
      chunks.push(toBuffer(chunk, encoding));
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    } as Write;
    response.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown) {
      if (typeof chunk === "function") [chunk, callback] = [undefined, chunk];
      if (typeof encoding === "function") [encoding, callback] = [undefined, encoding];
      if (!held())
        return original.end.call(
          response,
          chunk as string,
          encoding as BufferEncoding,
          callback as () => void,
        );
      if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      restore();
      if (typeof callback === "function") response.once("finish", callback as () => void);
      resolve({ status: response.statusCode, body: Buffer.concat(chunks) });
      return response;
    } as End;
    // The client went away before the end: nothing to send, nothing to keep.
    response.once("close", () => {
      if (passing || response.writableEnded) return;
      passing = true;
      restore();
      resolve(null);
    });
    Promise.resolve()
      .then(handle)
      .catch((error: unknown) => {
        if (!response.writableEnded && !passing) {
          restore();
          reject(error);
        }
      });
  });
}

// One per process, on globalThis: scripts/serve.mjs finds it there.
const holder = globalThis as unknown as { dwibahasaResponses?: ResponseCache };

/** Installs the cache (RESPONSE_CACHE=0 leaves every response to be made afresh). */
export function installResponseCache(): ResponseCache | undefined {
  if (process.env.RESPONSE_CACHE === "0") return undefined;
  holder.dwibahasaResponses ??= new ResponseCache();
  return holder.dwibahasaResponses;
}
