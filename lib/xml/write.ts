/**
 * Writing the XML exchange formats (TMX, TBX) with fast-xml-parser's builder:
 * callers describe elements, the builder escapes and indents.
 */
import { XMLBuilder } from "fast-xml-parser";

/** An element to write: its attributes, then its text or child elements. */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}

// Characters XML 1.0 does not allow anywhere, even as &#...; references:
// C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML 1.0 cannot represent at all. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(FORBIDDEN_CHARS, "");
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  // The builder's escapes, plus CR: a literal one would reach any reader as LF.
  entities: [
    { regex: /&/g, val: "&amp;" },
    { regex: />/g, val: "&gt;" },
    { regex: /</g, val: "&lt;" },
    { regex: /'/g, val: "&apos;" },
    { regex: /"/g, val: "&quot;" },
    { regex: /\r/g, val: "&#13;" },
  ],
  tagValueProcessor: (_name: string, value: unknown) => stripInvalidXmlChars(String(value)),
  // Readers turn tabs and line breaks in attribute values into spaces; say so now.
  attributeValueProcessor: (_name: string, value: unknown) =>
    stripInvalidXmlChars(String(value)).replace(/[\t\r\n]/g, " "),
} as ConstructorParameters<typeof XMLBuilder>[0]);

type Ordered = Record<string, unknown>;

function toOrdered(node: XmlNode): Ordered {
  const content: Ordered[] = [];
  if (node.text !== undefined) content.push({ "#text": node.text });
  for (const child of node.children ?? []) content.push(toOrdered(child));
  const out: Ordered = { [node.name]: content };
  if (node.attrs) out[":@"] = { ...node.attrs };
  return out;
}

/** A complete XML document (declaration, then the root element), ending with a line break. */
export function buildXml(root: XmlNode): string {
  const body = builder.build([toOrdered(root)]) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.trim()}\n`;
}
