// Who can reach the server: the address it listens on (HOST) and whether it has
// accounts (AUTH). Read by `npm start` before serving and by proxy.ts on every
// request, so both apply the same rule.

/** `local`: one person on this computer, no sign-in. `open`: anyone who can reach the port. `accounts`: sign-in and roles. */
export type AuthMode = "local" | "open" | "accounts";

export const DEFAULT_HOST = "127.0.0.1";

const AUTH_MODES: readonly string[] = ["local", "open", "accounts"];

/** The AUTH setting, or an error message when it names no mode. */
export function readAuthMode(raw: string | undefined = process.env.AUTH): AuthMode | Error {
  const value = (raw ?? "").trim().toLowerCase() || "local";
  if (AUTH_MODES.includes(value)) return value as AuthMode;
  return new Error(`AUTH=${raw} is not a setting: use AUTH=accounts, AUTH=open or leave it unset.`);
}

/** The mode the running server is in (an invalid AUTH was refused at start; treated as the strictest). */
export function authMode(): AuthMode {
  const mode = readAuthMode();
  return mode instanceof Error ? "accounts" : mode;
}

export function listenHost(raw: string | undefined = process.env.HOST): string {
  return raw?.trim() || DEFAULT_HOST;
}

/** Strips the port and IPv6 brackets: "[::1]:3000" → "::1", "localhost:3000" → "localhost". */
function hostname(hostAndPort: string): string {
  const value = hostAndPort.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]"));
  const colons = value.split(":").length - 1;
  // One colon is a port; more is a bare IPv6 address.
  return colons === 1 ? value.slice(0, value.indexOf(":")) : value;
}

/** Whether a host name or address (with or without a port) reaches only this computer. */
export function isLoopback(host: string): boolean {
  const name = hostname(host).replace(/\.$/, "");
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === "::1" ||
    name === "::ffff:127.0.0.1"
  );
}

/**
 * Why the server must not start on this address in this mode, or null. Only
 * loopback is served without accounts, unless AUTH=open says the network is trusted.
 */
export function exposureProblem(host: string, auth: AuthMode | Error): string | null {
  if (auth instanceof Error) return auth.message;
  if (auth !== "local" || isLoopback(host)) return null;
  return [
    `HOST=${host} would let anyone on the network read and change the library, and there are no accounts.`,
    "Turn accounts on with AUTH=accounts (then add users: npm run user:add -- <email> --role admin),",
    "or set AUTH=open if everyone who can reach this address may edit everything (a trusted network).",
    'See "Sharing Dwibahasa" in docs/team.md.',
  ].join("\n");
}

/**
 * Whether a request's Host header is acceptable. A server listening on loopback
 * answers only loopback names: a web page whose own name resolves to 127.0.0.1
 * (DNS rebinding) sends its own name as Host and is refused.
 */
export function hostAllowed(hostHeader: string | null, listening: string = listenHost()): boolean {
  if (!isLoopback(listening)) return true;
  return hostHeader !== null && isLoopback(hostHeader);
}
