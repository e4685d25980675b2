import { parseXml, XmlParseError, type XmlElement } from "../xml/read";
import { buildXml, type XmlNode } from "../xml/write";

/** One Indonesian→English sentence pair to export. */
export interface TmxUnit {
  source: string;
  target: string;
  segmentId: number;
  articleSlug: string;
  origin: string;
  changedAt: string; // ISO 8601
  /** When and by whom a person first wrote or checked this translation (TMX creationdate, creationid). */
  createdAt?: string; // ISO 8601
  createdBy?: string | null;
  /** Who made the current translation (TMX changeid). */
  changedBy?: string | null;
}

export interface TmxOptions {
  creationTool: string;
  creationToolVersion: string;
}

export interface ParsedTmxUnit {
  source: string;
  target: string;
  tuid: string | null;
  /** `<prop type="...">` values of the <tu>, e.g. { "x-article": "some-slug" }. */
  props: Record<string, string>;
  /** The tu's changedate as an ISO string, or null if absent or unreadable. */
  changedAt: string | null;
}

export interface ParseTmxOptions {
  /** Language of `source` (matched on the primary subtag, so "id" also takes "id-ID"). */
  sourceLang?: string;
  targetLang?: string;
}

export class TmxError extends Error {
  /** 1-based line of the problem in the file, when known. */
  readonly line: number | undefined;
  constructor(message: string, options?: { cause?: unknown; line?: number }) {
    const xml = options?.cause instanceof XmlParseError ? options.cause : null;
    // An XML error's message already names its line and column.
    const at = !xml && options?.line !== undefined ? ` (line ${options.line})` : "";
    super(`Invalid TMX: ${message}${at}`, options);
    this.name = "TmxError";
    this.line = xml?.line ?? options?.line;
  }
}

const HEADER_REQUIRED = [
  "creationtool",
  "creationtoolversion",
  "segtype",
  "o-tmf",
  "adminlang",
  "srclang",
  "datatype",
] as const;

const SEGTYPES = new Set(["block", "paragraph", "sentence", "phrase"]);

/** ISO 8601 → TMX's basic UTC format, e.g. 20240501T093000Z. */
export function toTmxDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: "${iso}"`);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `T${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`
  );
}

/** TMX basic UTC date → ISO string, or null if it is not in that format. */
export function fromTmxDate(tmx: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tmx);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC silently rolls over (month 13, second 61); such dates are not real.
  if (
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    date.getUTCHours() !== h ||
    date.getUTCMinutes() !== mi ||
    date.getUTCSeconds() !== s
  ) {
    return null;
  }
  return date.toISOString();
}

/**
 * Serialises sentence pairs as a TMX 1.4 document (Indonesian source, English
 * target). Characters XML 1.0 cannot carry are dropped from every value.
 */
export function toTmx(units: readonly TmxUnit[], opts: TmxOptions): string {
  // tuid must be unique in a file; a segment exported twice gets a suffix.
  const used = new Set<string>();
  const tus = units.map((unit): XmlNode => {
    let tuid = String(unit.segmentId);
    for (let n = 2; used.has(tuid); n++) tuid = `${unit.segmentId}-${n}`;
    used.add(tuid);
    const date = (iso: string, field: string) => {
      try {
        return toTmxDate(iso);
      } catch {
        throw new RangeError(`Segment ${unit.segmentId}: ${field} "${iso}" is not a valid date`);
      }
    };
    const attrs: Record<string, string> = { tuid };
    if (unit.createdAt !== undefined) attrs.creationdate = date(unit.createdAt, "createdAt");
    if (unit.createdBy) attrs.creationid = unit.createdBy;
    attrs.changedate = date(unit.changedAt, "changedAt");
    if (unit.changedBy) attrs.changeid = unit.changedBy;
    return {
      name: "tu",
      attrs,
      children: [
        { name: "prop", attrs: { type: "x-article" }, text: unit.articleSlug },
        { name: "prop", attrs: { type: "x-origin" }, text: unit.origin },
        {
          name: "tuv",
          attrs: { "xml:lang": "id" },
          children: [{ name: "seg", text: unit.source }],
        },
        {
          name: "tuv",
          attrs: { "xml:lang": "en" },
          children: [{ name: "seg", text: unit.target }],
        },
      ],
    };
  });
  return buildXml({
    name: "tmx",
    attrs: { version: "1.4" },
    children: [
      {
        name: "header",
        attrs: {
          creationtool: opts.creationTool,
          creationtoolversion: opts.creationToolVersion,
          segtype: "sentence",
          "o-tmf": "Dwibahasa",
          adminlang: "en",
          srclang: "id",
          datatype: "plaintext",
        },
      },
      { name: "body", children: tus },
    ],
  });
}

/** Elements inside <seg> that carry native markup codes rather than text. */
const CODE_ELEMENTS = new Set(["bpt", "ept", "it", "ph", "ut"]);

function segText(el: XmlElement): string {
  let out = "";
  for (const child of el.children) {
    if (typeof child === "string") out += child;
    else if (!CODE_ELEMENTS.has(child.name)) out += segText(child);
  }
  return out;
}

const primaryLang = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? "";

/**
 * Checks that an element holds only the allowed child elements (and no text
 * other than whitespace) and returns them.
 */
function structuralChildren(
  el: XmlElement,
  allowed: readonly string[],
  where: string,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child === "string") {
      if (child.trim() !== "")
        throw new TmxError(`${where}: unexpected text "${child.trim().slice(0, 40)}"`, {
          line: el.line,
        });
    } else if (!allowed.includes(child.name)) {
      throw new TmxError(
        `${where}: unexpected element <${child.name}> (allowed: ${allowed.map((n) => `<${n}>`).join(", ")})`,
        { line: child.line },
      );
    } else {
      out.push(child);
    }
  }
  return out;
}

/**
 * Reads a TMX 1.4 document back into sentence pairs. The structure is checked
 * strictly enough that a wrong or damaged file is rejected with a message
 * that says what is wrong, instead of importing half of it.
 */
export function parseTmx(xml: string, options: ParseTmxOptions = {}): ParsedTmxUnit[] {
  const sourceLang = primaryLang(options.sourceLang ?? "id");
  const targetLang = primaryLang(options.targetLang ?? "en");

  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlParseError) throw new TmxError(`malformed XML: ${e.message}`, { cause: e });
    throw e;
  }

  if (root.name !== "tmx")
    throw new TmxError(`the root element is <${root.name}>, expected <tmx>`, { line: root.line });
  const version = root.attrs.version;
  if (version === undefined)
    throw new TmxError("<tmx> has no version attribute", { line: root.line });
  if (version !== "1.4")
    throw new TmxError(`unsupported version "${version}", expected 1.4`, { line: root.line });

  const top = structuralChildren(root, ["header", "body"], "<tmx>");
  const [header, body] = top;
  if (top.length !== 2 || header?.name !== "header" || body?.name !== "body") {
    throw new TmxError("<tmx> must contain exactly one <header> followed by one <body>", {
      line: root.line,
    });
  }

  const missing = HEADER_REQUIRED.filter(
    (a) => header.attrs[a] === undefined || header.attrs[a].trim() === "",
  );
  if (missing.length > 0) {
    throw new TmxError(
      `<header> is missing required attribute${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      { line: header.line },
    );
  }
  const segtype = header.attrs.segtype ?? "";
  if (!SEGTYPES.has(segtype)) {
    throw new TmxError(`<header> segtype "${segtype}" must be one of ${[...SEGTYPES].join(", ")}`, {
      line: header.line,
    });
  }

  const units: ParsedTmxUnit[] = [];
  structuralChildren(body, ["tu"], "<body>").forEach((tu, i) => {
    const tuid = tu.attrs.tuid ?? null;
    const where = `<tu> #${i + 1}${tuid !== null ? ` (tuid "${tuid}")` : ""}`;
    const children = structuralChildren(tu, ["note", "prop", "tuv"], where);

    // Collected in a Map so a type such as "__proto__" cannot touch the prototype.
    const props = new Map<string, string>();
    for (const prop of children.filter((c) => c.name === "prop")) {
      const type = prop.attrs.type;
      if (type === undefined)
        throw new TmxError(`${where}: <prop> has no type attribute`, { line: prop.line });
      if (!props.has(type)) props.set(type, segText(prop));
    }

    const tuvs = children.filter((c) => c.name === "tuv");
    if (tuvs.length < 2)
      throw new TmxError(`${where}: needs at least two <tuv>, found ${tuvs.length}`, {
        line: tu.line,
      });

    const variants = tuvs.map((tuv, j) => {
      const lang = tuv.attrs["xml:lang"];
      if (lang === undefined || lang.trim() === "")
        throw new TmxError(`${where}: <tuv> #${j + 1} has no xml:lang attribute`, {
          line: tuv.line,
        });
      const segs = structuralChildren(
        tuv,
        ["note", "prop", "seg"],
        `${where} <tuv xml:lang="${lang}">`,
      ).filter((c) => c.name === "seg");
      const [seg] = segs;
      if (segs.length !== 1 || seg === undefined) {
        throw new TmxError(
          `${where}: <tuv xml:lang="${lang}"> must contain exactly one <seg>, found ${segs.length}`,
          { line: tuv.line },
        );
      }
      return { lang: primaryLang(lang), text: segText(seg) };
    });

    const source = variants.find((v) => v.lang === sourceLang);
    const target = variants.find((v) => v.lang === targetLang);
    if (!source)
      throw new TmxError(`${where}: has no <tuv> in the source language "${sourceLang}"`, {
        line: tu.line,
      });
    if (!target)
      throw new TmxError(`${where}: has no <tuv> in the target language "${targetLang}"`, {
        line: tu.line,
      });

    const changedate = tu.attrs.changedate;
    units.push({
      source: source.text,
      target: target.text,
      tuid,
      props: Object.fromEntries(props),
      changedAt: changedate === undefined ? null : fromTmxDate(changedate),
    });
  });
  return units;
}
