import fs from "node:fs";
import path from "node:path";

/** Every app/api/**\/route.ts with the methods it exports, as "METHOD /api/…". */
export function routeFiles(dir = "app/api"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const code = fs.readFileSync(full, "utf8");
    const route = "/" + path.dirname(full).split(path.sep).slice(1).join("/");
    return [
      ...code.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((m) => `${m[1]} ${route}`);
  });
}
