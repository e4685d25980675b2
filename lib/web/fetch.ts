import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { ValidationError, type ErrorCode, type ErrorParams } from "../errors";
import { isPublicAddress, privateAddressesAllowed } from "./address";
import { decodeBody, UnknownCharsetError } from "./charset";

export const MAX_REDIRECTS = 5;
export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_FETCH_BYTES = 5_000_000;

/** A fetch that failed; `code` names the message that says what happened and what to do. */
export class FetchError extends ValidationError {
  constructor(message: string, code: ErrorCode, params: ErrorParams = {}) {
    super(message, code, params);
  }
}

export interface FetchOptions {
  /** The Accept header. */
  accept?: string;
  /** A conditional request: the validators of the copy already held. */
  etag?: string | null;
  lastModified?: string | null;
  /** Overrides for tests; the defaults are the limits above. */
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FetchedDocument {
  /** The address after redirects. */
  url: string;
  status: number;
  /** True for a 304 answer to a conditional request: nothing else is set. */
  notModified: boolean;
  contentType: string | null;
  charset: string | null;
  bytes: Buffer;
  text: string;
  etag: string | null;
  lastModified: string | null;
}

const USER_AGENT = "Dwibahasa/0.1 (news reader; +https://localhost)";

/** Parses an address the user gave; only http and https are fetched. */
export function parseWebUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FetchError(`"${raw}" is not a web address.`, "fetchUrlInvalid", { url: raw });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchError(
      `Only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, "")}.`,
      "fetchSchemeRefused",
      { url: raw, scheme: url.protocol.replace(/:$/, "") },
    );
  if (url.username || url.password)
    throw new FetchError(
      "Addresses with a user name or password are not fetched.",
      "fetchUrlInvalid",
      {
        url: raw,
      },
    );
  return url;
}

function privateRefused(url: URL, address: string): FetchError {
  return new FetchError(
    `${url.hostname} is on this computer or a private network (${address}); such addresses are fetched only with FEEDS_ALLOW_PRIVATE=1.`,
    "fetchPrivateRefused",
    { host: url.hostname },
  );
}

/**
 * A DNS lookup that refuses non-public addresses. It runs as the socket's own
 * lookup, so the address checked is the address connected to (a name cannot
 * resolve to a public address for the check and a private one for the connection).
 */
function guardedLookup(url: URL): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (!privateAddressesAllowed()) {
        const bad = list.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(privateRefused(url, bad.address) as NodeJS.ErrnoException, "", 0);
      }
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first)
        return callback(Object.assign(new Error("No address"), { code: "ENOTFOUND" }), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Readable;
  response: http.IncomingMessage;
}

function request(url: URL, options: FetchOptions, signal: AbortSignal): Promise<Answer> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !privateAddressesAllowed() && !isPublicAddress(host))
    return Promise.reject(privateRefused(url, host));
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: options.accept ?? "*/*",
    "accept-encoding": "gzip, deflate, br",
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: "GET", headers, signal, lookup: guardedLookup(url) },
      (response) => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: decoded(response),
          response,
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function decoded(response: http.IncomingMessage): Readable {
  switch ((response.headers["content-encoding"] ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return response.pipe(zlib.createGunzip());
    case "deflate":
      return response.pipe(zlib.createInflate());
    case "br":
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

async function readLimited(body: Readable, maxBytes: number, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(url: URL, maxBytes: number): FetchError {
  return new FetchError(
    `The page at ${url.href} is larger than ${Math.round(maxBytes / 1_000_000)} MB.`,
    "fetchTooLarge",
    { url: url.href, maximum: Math.round(maxBytes / 1_000_000) },
  );
}

function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Turns what node:http throws into an error that says what happened. */
function describeFailure(error: unknown, url: URL, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const name = (error as Error).name;
  if (name === "AbortError" || code === "ABORT_ERR")
    return new FetchError(
      `${url.host} did not answer within ${timeoutMs / 1000} s.`,
      "fetchTimeout",
      { host: url.host, seconds: timeoutMs / 1000 },
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA")
    return new FetchError(
      `The name ${url.hostname} cannot be found (${code}).`,
      "fetchHostUnknown",
      {
        host: url.hostname,
      },
    );
  if (code === "ECONNREFUSED")
    return new FetchError(`${url.host} refused the connection.`, "fetchUnreachable", {
      host: url.host,
      detail: code,
    });
  const detail = code || (error as Error).message || String(error);
  return new FetchError(`${url.host} could not be reached (${detail}).`, "fetchUnreachable", {
    host: url.host,
    detail,
  });
}

/**
 * Fetches a web document safely: http and https only; no address on this
 * computer or a private network (unless FEEDS_ALLOW_PRIVATE=1), checked at
 * every redirect; at most 5 redirects, 10 s in all and 5 MB; the body decoded
 * in its own charset. Every failure is a FetchError (422) saying what happened.
 */
export async function fetchDocument(
  raw: string | URL,
  options: FetchOptions = {},
): Promise<FetchedDocument> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_FETCH_BYTES;
  let url = typeof raw === "string" ? parseWebUrl(raw) : parseWebUrl(raw.href);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const answer = await request(url, options, controller.signal);
      const { status, headers } = answer;
      if ([301, 302, 303, 307, 308].includes(status)) {
        answer.response.resume();
        const location = header(headers, "location");
        if (!location)
          throw new FetchError(
            `${url.href} redirects without saying where to.`,
            "fetchHttpStatus",
            {
              url: url.href,
              status,
            },
          );
        if (redirects >= MAX_REDIRECTS)
          throw new FetchError(
            `${typeof raw === "string" ? raw : raw.href} redirects more than ${MAX_REDIRECTS} times.`,
            "fetchTooManyRedirects",
            { url: url.href, maximum: MAX_REDIRECTS },
          );
        url = parseWebUrl(new URL(location, url).href);
        continue;
      }
      const etag = header(headers, "etag");
      const lastModified = header(headers, "last-modified");
      if (status === 304) {
        answer.response.resume();
        return {
          url: url.href,
          status,
          notModified: true,
          contentType: null,
          charset: null,
          bytes: Buffer.alloc(0),
          text: "",
          etag: etag ?? options.etag ?? null,
          lastModified: lastModified ?? options.lastModified ?? null,
        };
      }
      if (status < 200 || status > 299) {
        answer.response.resume();
        throw new FetchError(
          `${url.href} answered ${status}${answer.response.statusMessage ? ` ${answer.response.statusMessage}` : ""}.`,
          "fetchHttpStatus",
          {
            url: url.href,
            status,
          },
        );
      }
      const length = Number(header(headers, "content-length"));
      if (Number.isFinite(length) && length > maxBytes) {
        answer.response.destroy();
        throw tooLarge(url, maxBytes);
      }
      const bytes = await readLimited(answer.body, maxBytes, url);
      const contentType = header(headers, "content-type");
      let decodedBody: { text: string; charset: string };
      try {
        decodedBody = decodeBody(bytes, contentType);
      } catch (error) {
        if (error instanceof UnknownCharsetError)
          throw new FetchError(error.message, "fetchCharsetUnknown", {
            url: url.href,
            charset: error.label,
          });
        throw error;
      }
      return {
        url: url.href,
        status,
        notModified: false,
        contentType,
        charset: decodedBody.charset,
        bytes,
        text: decodedBody.text,
        etag,
        lastModified,
      };
    }
  } catch (error) {
    throw describeFailure(
      controller.signal.aborted
        ? Object.assign(new Error("aborted"), { name: "AbortError" })
        : error,
      url,
      timeoutMs,
    );
  } finally {
    clearTimeout(timer);
  }
}
