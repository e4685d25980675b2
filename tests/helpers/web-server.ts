import http from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestWebServer {
  /** The absolute address of a path on the server. */
  url(path: string): string;
  /** Adds or replaces a route. */
  route(path: string, handler: Route): void;
  /** Requests received, path by path, with their headers. */
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Serves fixed bytes with a content type. */
export function send(body: string | Buffer, contentType: string, status = 200): Route {
  return (_request, response) => {
    response.writeHead(status, { "content-type": contentType });
    response.end(body);
  };
}

/**
 * A real HTTP server on 127.0.0.1 and a free port, serving the given routes
 * (anything else is a 404). Fetching from it needs FEEDS_ALLOW_PRIVATE=1.
 */
export async function startWebServer(routes: Record<string, Route> = {}): Promise<TestWebServer> {
  const table = new Map(Object.entries(routes));
  const requests: TestWebServer["requests"] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    requests.push({ path, headers: request.headers });
    const handler = table.get(path);
    if (handler) handler(request, response);
    else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => void table.set(path, handler),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
