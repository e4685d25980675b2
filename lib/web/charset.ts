import iconv from "iconv-lite";

/**
 * Labels of the encodings Indonesian outlets use, by the names the encoding
 * standard gives them. As browsers do, ISO-8859-1 and ASCII are read as
 * windows-1252 (its superset, which is what pages labelled so really contain).
 */
const LABELS: Record<string, string> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  "x-cp1252": "windows-1252",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  iso_8859_1: "windows-1252",
  "iso-ir-100": "windows-1252",
  latin1: "windows-1252",
  l1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
};

/** The encoding for a label, or null when it is none of those supported. */
export function encodingFor(label: string): string | null {
  const key = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  return LABELS[key] ?? (iconv.encodingExists(key) ? key : null);
}

/** The charset parameter of a Content-Type header. */
export function charsetOfContentType(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? "");
  return match?.[2] ?? null;
}

/**
 * The charset a document declares inside itself: a byte order mark, an XML
 * declaration or an HTML <meta> in the first 2 KB (read as ASCII, which every
 * supported encoding agrees with there).
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!;
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([^"'\s;]+)/i.exec(head);
  return meta?.[1] ?? null;
}

export class UnknownCharsetError extends Error {
  constructor(readonly label: string) {
    super(`The page is in an encoding this server cannot read ("${label}").`);
  }
}

/**
 * Decodes a fetched document: the Content-Type's charset wins (as HTTP says),
 * then what the document declares, then UTF-8.
 */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | null,
): { text: string; charset: string } {
  const label = charsetOfContentType(contentType) ?? declaredCharset(bytes) ?? "utf-8";
  const encoding = encodingFor(label);
  if (!encoding) throw new UnknownCharsetError(label);
  return { text: iconv.decode(Buffer.from(bytes), encoding), charset: encoding };
}
