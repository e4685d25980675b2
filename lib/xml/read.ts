/**
 * Reading the XML exchange formats (TMX, TBX) with kept libraries:
 * fast-xml-parser's validator checks well-formedness first (its messages and
 * positions are the clearest for broken tags and bare "&"), then saxes, a
 * conformant XML 1.0 parser, builds the element tree. saxes expands only the
 * five predefined entities and character references: entities declared in a
 * DOCTYPE are never expanded (no entity bombs, no external files), and using
 * one is an error that names it.
 *
 * No namespace processing: a prefixed name such as `xml:lang` is kept as the
 * literal attribute or element name. Comments and processing instructions are
 * dropped; CDATA becomes text.
 */
import { XMLValidator } from "fast-xml-parser";
import { SaxesParser } from "saxes";

export interface XmlElement {
  name: string;
  /** Null-prototype object, so a lookup such as attrs.constructor is simply undefined. */
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  /** 1-based line of the start tag, for messages about the document's structure. */
  line: number;
}

export class XmlParseError extends Error {
  /** What is wrong, without the "(line, column)" suffix that `message` carries. */
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  constructor(reason: string, line: number, column: number) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = "XmlParseError";
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** "char '&' is not expected." -> "Char '&' is not expected" */
const sentence = (message: string): string =>
  (message.charAt(0).toUpperCase() + message.slice(1)).replace(/\.$/, "");

/** The entity reference that ends at `end` in `text` ("&nbsp;"), if any. */
function referenceBefore(text: string, end: number): string | null {
  const start = text.lastIndexOf("&", end);
  if (start < 0 || end - start > 80) return null;
  const match = /^&[^\s&;<]+;/.exec(text.slice(start, end + 1));
  return match ? match[0] : null;
}

/**
 * Parses a complete XML document and returns its root element. Whitespace-only
 * text between elements is kept as string children; callers that do not care
 * can skip strings. Throws XmlParseError with the line and column of the first
 * problem.
 */
export function parseXml(input: string): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "") throw new XmlParseError("The document has no root element", 1, 1);

  const checked = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (checked !== true) {
    const { msg, line, col } = checked.err;
    // The validator lists the elements still open at the end as a JSON array.
    const open = /^Invalid '\[([^\]]*)\]' found/.exec(msg);
    const names = open ? (open[1]?.match(/"[^"]+"/g) ?? []).map((n) => n.slice(1, -1)) : [];
    const reason = names.length > 0 ? `Unclosed element <${names.at(-1)}>` : sentence(msg);
    throw new XmlParseError(reason, line, col ?? 1);
  }

  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: XmlParseError | null = null;

  parser.on("error", (error) => {
    if (failure) return;
    const reason = error.message.replace(/^\d+:\d+: /, "");
    const reference = /undefined entity/.test(reason)
      ? referenceBefore(text, parser.position - 1)
      : null;
    failure = new XmlParseError(
      reference
        ? `Unknown entity ${reference} (only &amp; &lt; &gt; &quot; &apos; and character references are read; entities declared in a DOCTYPE are not expanded)`
        : sentence(reason),
      parser.line,
      parser.column,
    );
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [name, value] of Object.entries(tag.attributes)) attrs[name] = String(value);
    const el: XmlElement = { name: tag.name, attrs, children: [], line: parser.line };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root ??= el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const addText = (value: string) => {
    const parent = stack.at(-1);
    if (!parent) return;
    const last = parent.children.at(-1);
    if (typeof last === "string") parent.children[parent.children.length - 1] = last + value;
    else parent.children.push(value);
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  try {
    parser.write(text).close();
  } catch (error) {
    // saxes throws when no error handler stops it; ours records the first one.
    if (!failure) throw error;
  }
  if (failure) throw failure;
  if (!root) throw new XmlParseError("The document has no root element", 1, 1);
  return root;
}

/** Child elements, optionally only those with the given name. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child !== "string" && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

/** The concatenated text of an element and all its descendants. */
export function textContent(el: XmlElement): string {
  let out = "";
  for (const child of el.children) out += typeof child === "string" ? child : textContent(child);
  return out;
}
