import fs from "node:fs";
import path from "node:path";
import { startWebServer, type TestWebServer } from "./web-server";

/** The files a model folder serves (every file of the fixture but its notes). */
function folderFiles(dir: string, under = ""): string[] {
  return fs.readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const name = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return folderFiles(dir, name);
    return name.endsWith(".json") || name.endsWith(".onnx") ? [name] : [];
  });
}

export interface HubRequest {
  method: string;
  file: string;
  range: string | undefined;
}

export interface TestHub {
  /** The address to set as HF_ENDPOINT. */
  endpoint: string;
  /** What the hub was asked, in order. */
  requests: HubRequest[];
  /** The next GET of `file` sends `after` bytes of its body, then closes the connection. */
  cut(file: string, after: number): void;
  /** Every request is answered with this status until set back to null. */
  failWith(status: number | null): void;
  /** Milliseconds between the 1 KiB pieces of every body (0: all at once). */
  slow(ms: number): void;
  close(): Promise<void>;
}

export const HUB_COMMIT = "0123456789abcdef0123456789abcdef01234567";

/**
 * A model hub on a loopback port, serving a model folder in the hub's layout
 * (`<id>/resolve/main/<file>`), with HEAD, Range requests and the commit in
 * X-Repo-Commit, and switches to cut a transfer or fail.
 */
export async function startModelHub(
  id: string,
  folder: string,
  options: { omit?: string[] } = {},
): Promise<TestHub> {
  const requests: HubRequest[] = [];
  let cut: { file: string; after: number } | null = null;
  let failure: number | null = null;
  let delay = 0;
  const server: TestWebServer = await startWebServer();
  for (const file of folderFiles(folder)) {
    if (options.omit?.includes(file)) continue;
    const body = fs.readFileSync(path.join(folder, file));
    server.route(`/${id}/resolve/main/${file}`, (request, response) => {
      const range = request.headers.range;
      requests.push({ method: request.method ?? "GET", file, range });
      if (failure !== null) {
        response.writeHead(failure, { "content-type": "text/plain" });
        response.end("Internal error");
        return;
      }
      const headers: Record<string, string | number> = {
        "content-type": "application/octet-stream",
        "accept-ranges": "bytes",
        "x-repo-commit": HUB_COMMIT,
      };
      let start = 0;
      const asked = /^bytes=(\d+)-$/.exec(range ?? "");
      if (asked) {
        start = Number(asked[1]);
        if (start >= body.length) {
          response.writeHead(416, { "content-range": `bytes */${body.length}` });
          response.end();
          return;
        }
        headers["content-range"] = `bytes ${start}-${body.length - 1}/${body.length}`;
      }
      headers["content-length"] = body.length - start;
      response.writeHead(asked ? 206 : 200, headers);
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      const rest = body.subarray(start);
      if (cut && cut.file === file) {
        const sent = rest.subarray(0, cut.after);
        cut = null;
        // Closed a moment after the bytes went out, so the client has read them
        // (an errored stream drops what it had not yet handed on).
        response.write(sent, () => setTimeout(() => response.socket?.destroy(), 100));
        return;
      }
      if (delay === 0) {
        response.end(rest);
        return;
      }
      let offset = 0;
      const next = () => {
        if (response.destroyed) return;
        if (offset >= rest.length) return void response.end();
        response.write(rest.subarray(offset, offset + 1024));
        offset += 1024;
        setTimeout(next, delay);
      };
      next();
    });
  }
  return {
    endpoint: server.url("").replace(/\/$/, ""),
    requests,
    cut: (file, after) => void (cut = { file, after }),
    failWith: (status) => void (failure = status),
    slow: (ms) => void (delay = ms),
    close: () => server.close(),
  };
}
