import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The key that signs session cookies: AUTH_SECRET, or one made on first use and
 * kept in `.auth-secret` beside the project (git-ignored), so that a restart
 * keeps everyone signed in. Servers that share one database set AUTH_SECRET.
 */
export function authSecret(): string {
  const configured = process.env.AUTH_SECRET?.trim();
  if (configured) return configured;
  const file = path.join(process.env.DWIBAHASA_ROOT ?? process.cwd(), ".auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    // "wx": two processes starting at once keep the first one's secret.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
