import { getMessages } from "next-intl/server";

/**
 * The message namespaces each part of the interface uses in the browser. Only
 * these are sent with a page: the layout's for the header (and the error
 * page), a page's for its own client components (see app/_components/client-messages.tsx).
 */
export const CLIENT_NAMESPACES = {
  layout: ["nav", "settings", "errors", "account"],
  reader: [
    "reader",
    "shortcuts",
    "term",
    "editor",
    "lookup",
    "words",
    "listen",
    "modelDownload",
    "apiErrors",
  ],
  library: ["library", "memoryImport", "modelDownload", "apiErrors"],
  glossary: ["glossary", "apiErrors"],
  addArticle: ["addArticle", "apiErrors"],
  feeds: ["feeds", "apiErrors"],
  account: ["account", "apiErrors"],
  words: ["words", "apiErrors"],
  models: ["models", "apiErrors"],
} as const satisfies Record<string, readonly (keyof Messages)[]>;

export type ClientPart = keyof typeof CLIENT_NAMESPACES;

type Messages = Awaited<ReturnType<typeof getMessages>>;

/** The messages of the request's locale that a part of the interface uses in the browser. */
export async function clientMessages(part: ClientPart): Promise<Partial<Messages>> {
  const all = await getMessages();
  return Object.fromEntries(CLIENT_NAMESPACES[part].map((name) => [name, all[name]]));
}
