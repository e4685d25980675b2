// The security headers of every response the app serves (set by proxy.ts).

/** A fresh, unguessable nonce for one page's scripts. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The header in which scripts/serve.mjs tells the proxy which nonce to render
 * a page with (a placeholder, see lib/cache/response-cache.ts); that server
 * names it and removes whatever a client sent under it. Unset elsewhere.
 */
export function renderNonceHeader(): string | undefined {
  return process.env.DWIBAHASA_RENDER_NONCE_HEADER || undefined;
}

/**
 * Scripts run only from the app itself or with this page's nonce (Next.js reads
 * the nonce from this header and puts it on its own scripts); no inline script
 * without it, no framing, no plugins. Styles stay inline-capable: React writes
 * `style` attributes, which cannot carry a nonce.
 */
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load are trusted too (Next.js's chunks).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response, pages and API alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};
