// The route table (lib/security/routes.ts) lists every API route and method, and nothing else.
import { describe, expect, it } from "vitest";
import { API_ROUTES, findRoute } from "@/lib/security/routes";
import { routeFiles } from "../helpers/routes";

describe("the route table", () => {
  it("has a row for every method of every route, and no row without a route", () => {
    const inFiles = new Set(routeFiles());
    const inTable = new Set(API_ROUTES.map((r) => `${r.method} ${r.path}`));
    expect([...inFiles].filter((r) => !inTable.has(r))).toEqual([]);
    expect([...inTable].filter((r) => !inFiles.has(r))).toEqual([]);
  });

  it("finds the row for a concrete address, query conditions first", () => {
    const at = (p: string) => new URL(`http://localhost${p}`);
    expect(findRoute("GET", at("/api/articles/banjir"))?.path).toBe("/api/articles/[slug]");
    expect(findRoute("POST", at("/api/articles/banjir/translate?retranslate=1"))?.access).toBe(
      "editor",
    );
    expect(findRoute("POST", at("/api/articles/banjir/translate"))?.access).toBe("reader");
    expect(findRoute("DELETE", at("/api/glossary/3"))?.access).toBe("editor");
    expect(findRoute("GET", at("/api/nothing"))).toBeUndefined();
  });
});
