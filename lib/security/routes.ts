// The one table of the API: which role each route needs and which routes are
// rate-limited. proxy.ts consults it for every request to /api; a test walks
// every app/api/**/route.ts against it, so a new route cannot go unlisted.

/** Roles in accounts mode, each allowed what the one before it may do. */
export const ROLES = ["reader", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** `public`: also anonymous (the health check, signing in). */
export type Access = Role | "public";

/** Requests counted per client (see lib/security/rate-limit.ts). */
export type LimitBucket = "translate" | "import" | "search" | "signIn";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteRule {
  method: Method;
  /** The route's folder under app/, `[name]` for a dynamic segment. */
  path: string;
  access: Access;
  /** Only when the query string has these values (first matching row wins). */
  query?: Record<string, string>;
  limit?: LimitBucket;
  /** Accepts a file as multipart/form-data. */
  upload?: true;
}

export const API_ROUTES: readonly RouteRule[] = [
  { method: "GET", path: "/api/health", access: "public" },

  { method: "GET", path: "/api/session", access: "public" },
  { method: "POST", path: "/api/session", access: "public" },
  { method: "DELETE", path: "/api/session", access: "public" },
  { method: "GET", path: "/api/users", access: "admin" },
  { method: "POST", path: "/api/users", access: "admin" },
  { method: "PATCH", path: "/api/users/[id]", access: "admin" },

  { method: "GET", path: "/api/articles", access: "reader" },
  { method: "POST", path: "/api/articles", access: "editor" },
  { method: "POST", path: "/api/articles/import", access: "editor", limit: "import", upload: true },
  { method: "GET", path: "/api/articles/[slug]", access: "reader" },
  { method: "GET", path: "/api/articles/[slug]/export", access: "reader" },
  // Opening an untranslated article translates it, so reading needs it; replacing translations is an edit.
  {
    method: "POST",
    path: "/api/articles/[slug]/translate",
    access: "editor",
    query: { retranslate: "1" },
    limit: "translate",
  },
  { method: "POST", path: "/api/articles/[slug]/translate", access: "reader", limit: "translate" },
  { method: "GET", path: "/api/feeds", access: "reader" },
  { method: "POST", path: "/api/feeds", access: "editor", limit: "import" },
  { method: "GET", path: "/api/feeds/opml", access: "reader" },
  { method: "POST", path: "/api/feeds/opml", access: "editor", limit: "import", upload: true },
  { method: "DELETE", path: "/api/feeds/[id]", access: "editor" },
  { method: "POST", path: "/api/feeds/[id]/refresh", access: "editor", limit: "import" },
  { method: "GET", path: "/api/translation/progress", access: "reader" },
  { method: "GET", path: "/api/export/json", access: "reader" },
  { method: "GET", path: "/api/export/tmx", access: "reader" },

  { method: "GET", path: "/api/segments/[id]/history", access: "reader" },
  { method: "GET", path: "/api/segments/[id]/suggestions", access: "reader" },
  { method: "PUT", path: "/api/segments/[id]/translation", access: "editor" },
  { method: "POST", path: "/api/segments/[id]/review", access: "editor" },
  { method: "POST", path: "/api/segments/[id]/revert", access: "editor" },
  // Another model's translation of a sentence is made on demand (a model call); storing it is an edit.
  { method: "GET", path: "/api/segments/[id]/alternatives", access: "reader", limit: "translate" },
  { method: "POST", path: "/api/segments/[id]/alternatives", access: "editor", limit: "translate" },

  { method: "GET", path: "/api/models", access: "reader" },
  { method: "PUT", path: "/api/models/default", access: "admin" },

  { method: "GET", path: "/api/search", access: "reader", limit: "search" },
  { method: "GET", path: "/api/lookup", access: "reader" },

  { method: "GET", path: "/api/glossary", access: "reader" },
  { method: "POST", path: "/api/glossary", access: "editor" },
  { method: "GET", path: "/api/glossary/[id]", access: "reader" },
  { method: "PUT", path: "/api/glossary/[id]", access: "editor" },
  { method: "DELETE", path: "/api/glossary/[id]", access: "editor" },
  { method: "GET", path: "/api/glossary/[id]/occurrences", access: "reader" },
  { method: "GET", path: "/api/glossary/consistency", access: "reader" },
  { method: "GET", path: "/api/glossary/export", access: "reader" },
  { method: "GET", path: "/api/glossary/suggestions", access: "reader" },
  { method: "POST", path: "/api/glossary/suggestions/dismiss", access: "editor" },
  { method: "POST", path: "/api/glossary/import", access: "admin", limit: "import" },
  { method: "POST", path: "/api/import/tmx", access: "admin", limit: "import", upload: true },

  // Saved words are each reader's own: every role keeps a list.
  { method: "GET", path: "/api/words", access: "reader" },
  { method: "POST", path: "/api/words", access: "reader" },
  { method: "PATCH", path: "/api/words/[id]", access: "reader" },
  { method: "DELETE", path: "/api/words/[id]", access: "reader" },
  { method: "GET", path: "/api/words/export", access: "reader" },
  { method: "GET", path: "/api/words/marks", access: "reader" },
  { method: "POST", path: "/api/words/import", access: "reader", limit: "import", upload: true },
];

const patterns = API_ROUTES.map((rule) => ({
  rule,
  regex: new RegExp("^" + rule.path.replace(/\[[^\]]+\]/g, "[^/]+").replace(/[.]/g, "\\.") + "/?$"),
}));

/** The table's row for a request, or undefined for an address that is no route. */
export function findRoute(method: string, url: URL): RouteRule | undefined {
  const upper = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return patterns.find(
    ({ rule, regex }) =>
      rule.method === upper &&
      regex.test(url.pathname) &&
      Object.entries(rule.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v),
  )?.rule;
}

/** Whether a role may do what a route needs. */
export function roleAllows(role: Role, access: Access): boolean {
  return access === "public" || ROLES.indexOf(role) >= ROLES.indexOf(access);
}
