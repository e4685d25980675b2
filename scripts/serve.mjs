#!/usr/bin/env node
// Serves the built app (what `npm start` runs once the build is ready; PORT and
// HOST as in docs/configuration.md). It is Next.js's own request handler behind a plain
// Node server, for two reasons. The rate limits must know the address a request
// really came from, and `next start` gives the app only X-Forwarded-For, which
// any client can write. This server puts the socket's address in its own header
// on every request, overwriting whatever a client sent under that name; the
// app decides whether to believe X-Forwarded-For instead (TRUST_PROXY, see
// lib/security/rate-limit.ts). And a page kept by the response cache
// (lib/cache/response-cache.ts) gets a fresh script nonce in every response,
// which needs the response's body before it is sent.
import http from "node:http";
import next from "next";
import { projectRoot } from "./project.mjs";

/** The header with the socket's address; the same name is in lib/security/rate-limit.ts. */
const PEER_HEADER = "x-dwibahasa-peer";
/** The header with the nonce a page is rendered with; see lib/cache/response-cache.ts. */
const RENDER_NONCE_HEADER = "x-dwibahasa-render-nonce";

process.env.NODE_ENV = "production";
// Tells the app that PEER_HEADER comes from this server, not from a client.
process.env.DWIBAHASA_PEER_HEADER = PEER_HEADER;
process.env.DWIBAHASA_RENDER_NONCE_HEADER = RENDER_NONCE_HEADER;

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST?.trim() || "127.0.0.1";

const app = next({ dev: false, dir: projectRoot, hostname: host, port });
const handle = app.getRequestHandler();

const server = http.createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
  // Only this server chooses a render nonce (the response cache, installed by the app at start).
  delete request.headers[RENDER_NONCE_HEADER];
  const responses = globalThis.dwibahasaResponses;
  void (responses ? responses.serve(request, response, handle) : handle(request, response));
});

// The server stops at once on a stop signal; the translation worker stops with it.
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
  ["SIGHUP", 129],
]) {
  process.on(signal, () => {
    server.close();
    process.exit(code);
  });
}

await app.prepare();
server.listen(port, host, () => {
  console.log(`✓ Ready on ${host}:${port}`);
});
