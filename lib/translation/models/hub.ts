/**
 * The model hub as the app reaches it: its address (HF_ENDPOINT, the setting
 * the Hugging Face tools read for a mirror) and what a HEAD request tells of
 * a file before it is downloaded.
 */

export const DEFAULT_HUB = "https://huggingface.co";

/** The hub's address, without a trailing slash. */
export function hubEndpoint(): string {
  const value = process.env.HF_ENDPOINT?.trim();
  return (value || DEFAULT_HUB).replace(/\/+$/, "");
}

/** Where a file of a model's main branch is served (`<id>/resolve/main/<file>`). */
export function fileUrl(endpoint: string, id: string, file: string): string {
  const encoded = file.split("/").map(encodeURIComponent).join("/");
  return `${endpoint}/${id}/resolve/main/${encoded}`;
}

/** Asks for the bytes as they are stored: a compressed answer's length would not be the file's. */
export const IDENTITY = { "accept-encoding": "identity" } as const;

export interface RemoteFile {
  /** HTTP status of the answer (after a redirect, the redirect's own). */
  status: number;
  /** The file's size in bytes, when the hub said it. */
  size: number | null;
  /** The hub commit the file comes from, when the hub said it. */
  commit: string | null;
}

function sizeOf(headers: Headers): number | null {
  // The hub's redirect to its file store names the stored size in X-Linked-Size.
  const value = headers.get("x-linked-size") ?? headers.get("content-length");
  const size = value === null ? NaN : Number(value);
  return Number.isSafeInteger(size) && size >= 0 ? size : null;
}

/**
 * A HEAD request for a file. Redirects are not followed: the hub's own answer
 * carries the commit (X-Repo-Commit) that the file store's would not.
 */
export async function headFile(url: string, signal?: AbortSignal): Promise<RemoteFile> {
  const response = await fetch(url, { method: "HEAD", redirect: "manual", headers: IDENTITY, signal });
  let size = sizeOf(response.headers);
  const commit = response.headers.get("x-repo-commit");
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location && size === null) {
    const followed = await fetch(new URL(location, url), { method: "HEAD", headers: IDENTITY, signal });
    if (followed.ok) size = sizeOf(followed.headers);
  }
  return { status: response.status, size, commit };
}

/** The whole length a 206 answer's Content-Range names ("bytes 10-99/100"), and where it starts. */
export function contentRange(value: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(value?.trim() ?? "");
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === "*" ? null : Number(match[2]) };
}
