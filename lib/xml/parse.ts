/**
 * A small, dependency-free XML 1.0 reader and escaper for the exchange formats
 * the app reads and writes (TMX, TBX). It is deliberately a subset:
 *
 * - no namespace processing: a prefixed name such as `xml:lang` is kept as the
 *   literal attribute/element name;
 * - a DOCTYPE is skipped, and entities declared in it are NOT expanded (only the
 *   five predefined entities and numeric character references are), which also
 *   rules out entity-expansion attacks;
 * - comments and processing instructions are dropped; CDATA becomes text.
 *
 * Anything it cannot read is reported as an `XmlParseError` with a line and
 * column, so importers can show users where their file is broken.
 */

export interface XmlElement {
  name: string;
  /** Null-prototype object, so a lookup such as attrs.constructor is simply undefined. */
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
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

// Characters XML 1.0 does not allow anywhere, even as &#...; references:
// C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML 1.0 cannot represent at all. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(FORBIDDEN_CHARS, "");
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A literal CR would be turned into LF by any XML reader; a reference survives.
  "\r": "&#13;",
};

/**
 * Escapes text for use in element content or in a quoted attribute value.
 * Characters XML 1.0 forbids are removed, since no escaping can make them valid.
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Like `escapeXml`, but also keeps tabs and line breaks inside attribute values
 * (readers normalise literal ones to spaces).
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n]/g, (c) => (c === "\t" ? "&#9;" : "&#10;"));
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

// A Map, not an object literal, so that "&constructor;" is not found on the prototype.
const PREDEFINED = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

const NAME_START =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF]/;
const NAME_CHAR =
  /[-.0-9\u00B7\u0300-\u036F\u203F\u2040A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]/;
// Sticky, so names are matched in place without slicing the document.
const NAME = new RegExp(`${NAME_START.source}${NAME_CHAR.source}*`, "y");
const SPACES = /[ \t\r\n]*/y;
const SPACE = /[ \t\r\n]/;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Parses a complete XML document and returns its root element. Whitespace-only
 * text between elements is kept as string children; callers that do not care
 * can skip strings.
 */
export function parseXml(input: string): XmlElement {
  // The spec requires every CRLF / lone CR to reach the application as LF.
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, "\n");
  let pos = 0;

  function fail(message: string, at: number = pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    throw new XmlParseError(message, line, at - lineStart + 1);
  }

  const invalidChar = text.search(FORBIDDEN_CHARS);
  if (invalidChar !== -1) {
    fail(
      `Character U+${text.charCodeAt(invalidChar).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`,
      invalidChar,
    );
  }

  const startsWith = (s: string) => text.startsWith(s, pos);
  const skipSpace = () => {
    SPACES.lastIndex = pos;
    SPACES.test(text);
    pos = SPACES.lastIndex;
  };

  const readName = (what: string): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (!match) fail(`Expected ${what}`);
    pos += match[0].length;
    return match[0];
  };

  /** Decodes entity and character references in a raw text or attribute run. */
  const decode = (raw: string, offset: number): string => {
    if (!raw.includes("&")) return raw;
    let out = "";
    let last = 0;
    for (let amp = raw.indexOf("&"); amp !== -1; amp = raw.indexOf("&", last)) {
      out += raw.slice(last, amp);
      const semi = raw.indexOf(";", amp);
      const ref = semi === -1 ? "" : raw.slice(amp + 1, semi);
      if (!/^(#x?[0-9A-Fa-f]{1,8}|[A-Za-z_][\w.-]{0,30})$/.test(ref))
        fail('Unescaped "&" (write &amp;)', offset + amp);
      if (ref.startsWith("#")) {
        const hex = ref[1] === "x";
        const digits = ref.slice(hex ? 2 : 1);
        const cp = hex
          ? /^[0-9A-Fa-f]+$/.test(digits)
            ? parseInt(digits, 16)
            : NaN
          : /^[0-9]+$/.test(digits)
            ? parseInt(digits, 10)
            : NaN;
        if (!Number.isFinite(cp) || !isXmlChar(cp))
          fail(`Invalid character reference &${ref};`, offset + amp);
        out += String.fromCodePoint(cp);
      } else {
        const ch = PREDEFINED.get(ref);
        if (ch === undefined) fail(`Unknown entity &${ref};`, offset + amp);
        out += ch;
      }
      last = semi + 1;
    }
    return out + raw.slice(last);
  };

  /** Skips one comment, processing instruction or (if allowed) DOCTYPE; false if there is none here. */
  const skipMisc = (allowDoctype: boolean): boolean => {
    if (startsWith("<!--")) {
      const end = text.indexOf("-->", pos + 4);
      if (end === -1) fail("Unterminated comment");
      if (text.slice(pos + 4, end).includes("--")) fail('"--" is not allowed inside a comment');
      pos = end + 3;
      return true;
    }
    if (startsWith("<?")) {
      const start = pos;
      pos += 2;
      const target = readName("a processing instruction target");
      if (target.toLowerCase() === "xml")
        fail("The XML declaration is only allowed at the very start of the document", start);
      const end = text.indexOf("?>", pos);
      if (end === -1) fail("Unterminated processing instruction", start);
      pos = end + 2;
      return true;
    }
    if (startsWith("<!DOCTYPE")) {
      if (!allowDoctype) fail("DOCTYPE is only allowed before the root element");
      const start = pos;
      pos += 9;
      // Walk to the closing ">", stepping over quoted strings and the internal subset.
      let depth = 0;
      while (pos < text.length) {
        const c = text[pos];
        if (c === '"' || c === "'") {
          const close = text.indexOf(c, pos + 1);
          if (close === -1) break;
          pos = close + 1;
          continue;
        }
        if (c === "[") depth++;
        else if (c === "]") depth--;
        else if (c === ">" && depth <= 0) {
          pos++;
          return true;
        }
        pos++;
      }
      fail("Unterminated DOCTYPE", start);
    }
    return false;
  };

  const readAttributes = (
    elementName: string,
  ): { attrs: Record<string, string>; selfClosing: boolean } => {
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith("/>")) {
        pos += 2;
        return { attrs, selfClosing: true };
      }
      if (startsWith(">")) {
        pos += 1;
        return { attrs, selfClosing: false };
      }
      if (pos >= text.length) fail(`Unterminated start tag <${elementName}>`);
      if (pos === before) fail(`Expected whitespace before attribute in <${elementName}>`);
      const nameAt = pos;
      const name = readName(`an attribute name or ">" in <${elementName}>`);
      skipSpace();
      if (text[pos] !== "=") fail(`Expected "=" after attribute ${name}`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail(`Attribute ${name} value must be quoted`);
      const close = text.indexOf(quote as string, pos + 1);
      if (close === -1) fail(`Unterminated value for attribute ${name}`);
      const raw = text.slice(pos + 1, close);
      const lt = raw.indexOf("<");
      if (lt !== -1) fail(`"<" is not allowed in attribute ${name} (write &lt;)`, pos + 1 + lt);
      if (Object.prototype.hasOwnProperty.call(attrs, name))
        fail(`Duplicate attribute ${name} in <${elementName}>`, nameAt);
      // Literal whitespace is normalised to spaces; escaped (&#10; etc.) is kept.
      attrs[name] = decode(raw.replace(/[\t\n]/g, " "), pos + 1);
      pos = close + 1;
    }
  };

  // XML declaration: only at the very start.
  if (
    startsWith("<?xml") &&
    (text.length === 5 || SPACE.test(text[5] as string) || text[5] === "?")
  ) {
    const end = text.indexOf("?>");
    if (end === -1) fail("Unterminated XML declaration");
    const decl = text.slice(5, end);
    if (!/^\s+version\s*=\s*(["'])1\.\d+\1/.test(decl))
      fail('The XML declaration must start with a version, e.g. version="1.0"');
    pos = end + 2;
  }

  // Prolog: whitespace, comments, PIs, one DOCTYPE.
  let sawDoctype = false;
  for (;;) {
    skipSpace();
    const isDoctype = startsWith("<!DOCTYPE");
    if (isDoctype && sawDoctype) fail("Only one DOCTYPE is allowed");
    if (!skipMisc(true)) break;
    if (isDoctype) sawDoctype = true;
  }
  if (pos >= text.length) fail("The document has no root element");
  if (text[pos] !== "<") fail("Text is not allowed before the root element");

  const readElementStart = (): { element: XmlElement; selfClosing: boolean } => {
    pos++; // "<"
    const name = readName("an element name after <");
    const { attrs, selfClosing } = readAttributes(name);
    return { element: { name, attrs, children: [] }, selfClosing };
  };

  // Elements, with an explicit stack so deep nesting cannot overflow the call stack.
  const first = readElementStart();
  const root = first.element;
  const stack: XmlElement[] = first.selfClosing ? [] : [root];

  for (let parent = stack[0]; parent; parent = stack[stack.length - 1]) {
    const lt = text.indexOf("<", pos);
    if (lt === -1) fail(`Unclosed element <${parent.name}>`, text.length);
    if (lt > pos) {
      const raw = text.slice(pos, lt);
      const bad = raw.indexOf("]]>");
      if (bad !== -1) fail('"]]>" is not allowed in text', pos + bad);
      parent.children.push(decode(raw, pos));
      pos = lt;
    }
    if (startsWith("</")) {
      const start = pos;
      pos += 2;
      const name = readName("an element name after </");
      skipSpace();
      if (text[pos] !== ">") fail(`Expected ">" to end </${name}>`);
      pos++;
      if (name !== parent.name)
        fail(`Mismatched closing tag </${name}>: expected </${parent.name}>`, start);
      stack.pop();
      continue;
    }
    if (startsWith("<![CDATA[")) {
      const end = text.indexOf("]]>", pos + 9);
      if (end === -1) fail("Unterminated CDATA section");
      parent.children.push(text.slice(pos + 9, end));
      pos = end + 3;
      continue;
    }
    if (skipMisc(false)) continue;
    if (startsWith("<!")) fail("Unexpected markup declaration");
    const child = readElementStart();
    parent.children.push(child.element);
    if (!child.selfClosing) stack.push(child.element);
  }

  // Epilog: only whitespace, comments and PIs may follow the root.
  for (;;) {
    skipSpace();
    if (!skipMisc(false)) break;
  }
  if (pos < text.length)
    fail(
      text[pos] === "<"
        ? "Only one root element is allowed"
        : "Text is not allowed after the root element",
    );
  return mergeText(root);
}

/** Joins adjacent string children (text split by comments or CDATA). */
function mergeText(root: XmlElement): XmlElement {
  const todo: XmlElement[] = [root];
  for (let el = todo.pop(); el; el = todo.pop()) {
    const merged: (XmlElement | string)[] = [];
    for (const child of el.children) {
      const prev = merged[merged.length - 1];
      if (typeof child === "string") {
        if (child === "") continue;
        if (typeof prev === "string") merged[merged.length - 1] = prev + child;
        else merged.push(child);
      } else {
        merged.push(child);
        todo.push(child);
      }
    }
    el.children = merged;
  }
  return root;
}
