import { escapeXml, parseXml, XmlParseError, type XmlElement } from "../xml/parse";

/** One Indonesian→English sentence pair to export. */
export interface TmxUnit {
  source: string;
  target: string;
  segmentId: number;
  articleSlug: string;
  origin: string;
  changedAt: string; // ISO 8601
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
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Invalid TMX: ${message}`, options);
    this.name = "TmxError";
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
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header creationtool="${escapeXml(opts.creationTool)}" creationtoolversion="${escapeXml(opts.creationToolVersion)}"` +
      ' segtype="sentence" o-tmf="Dwibahasa" adminlang="en" srclang="id" datatype="plaintext"/>',
    "  <body>",
  ];
  // tuid must be unique in a file; a segment exported twice gets a suffix.
  const used = new Set<string>();
  for (const unit of units) {
    let tuid = String(unit.segmentId);
    for (let n = 2; used.has(tuid); n++) tuid = `${unit.segmentId}-${n}`;
    used.add(tuid);
    let changedate: string;
    try {
      changedate = toTmxDate(unit.changedAt);
    } catch {
      throw new RangeError(
        `Segment ${unit.segmentId}: changedAt "${unit.changedAt}" is not a valid date`,
      );
    }
    lines.push(
      `    <tu tuid="${escapeXml(tuid)}" changedate="${changedate}">`,
      `      <prop type="x-article">${escapeXml(unit.articleSlug)}</prop>`,
      `      <prop type="x-origin">${escapeXml(unit.origin)}</prop>`,
      `      <tuv xml:lang="id"><seg>${escapeXml(unit.source)}</seg></tuv>`,
      `      <tuv xml:lang="en"><seg>${escapeXml(unit.target)}</seg></tuv>`,
      "    </tu>",
    );
  }
  lines.push("  </body>", "</tmx>", "");
  return lines.join("\n");
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
        throw new TmxError(`${where}: unexpected text "${child.trim().slice(0, 40)}"`);
    } else if (!allowed.includes(child.name)) {
      throw new TmxError(
        `${where}: unexpected element <${child.name}> (allowed: ${allowed.map((n) => `<${n}>`).join(", ")})`,
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

  if (root.name !== "tmx") throw new TmxError(`the root element is <${root.name}>, expected <tmx>`);
  const version = root.attrs.version;
  if (version === undefined) throw new TmxError("<tmx> has no version attribute");
  if (version !== "1.4") throw new TmxError(`unsupported version "${version}", expected 1.4`);

  const top = structuralChildren(root, ["header", "body"], "<tmx>");
  const [header, body] = top;
  if (top.length !== 2 || header?.name !== "header" || body?.name !== "body") {
    throw new TmxError("<tmx> must contain exactly one <header> followed by one <body>");
  }

  const missing = HEADER_REQUIRED.filter(
    (a) => header.attrs[a] === undefined || header.attrs[a].trim() === "",
  );
  if (missing.length > 0) {
    throw new TmxError(
      `<header> is missing required attribute${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  }
  const segtype = header.attrs.segtype ?? "";
  if (!SEGTYPES.has(segtype)) {
    throw new TmxError(`<header> segtype "${segtype}" must be one of ${[...SEGTYPES].join(", ")}`);
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
      if (type === undefined) throw new TmxError(`${where}: <prop> has no type attribute`);
      if (!props.has(type)) props.set(type, segText(prop));
    }

    const tuvs = children.filter((c) => c.name === "tuv");
    if (tuvs.length < 2)
      throw new TmxError(`${where}: needs at least two <tuv>, found ${tuvs.length}`);

    const variants = tuvs.map((tuv, j) => {
      const lang = tuv.attrs["xml:lang"];
      if (lang === undefined || lang.trim() === "")
        throw new TmxError(`${where}: <tuv> #${j + 1} has no xml:lang attribute`);
      const segs = structuralChildren(
        tuv,
        ["note", "prop", "seg"],
        `${where} <tuv xml:lang="${lang}">`,
      ).filter((c) => c.name === "seg");
      const [seg] = segs;
      if (segs.length !== 1 || seg === undefined) {
        throw new TmxError(
          `${where}: <tuv xml:lang="${lang}"> must contain exactly one <seg>, found ${segs.length}`,
        );
      }
      return { lang: primaryLang(lang), text: segText(seg) };
    });

    const source = variants.find((v) => v.lang === sourceLang);
    const target = variants.find((v) => v.lang === targetLang);
    if (!source)
      throw new TmxError(`${where}: has no <tuv> in the source language "${sourceLang}"`);
    if (!target)
      throw new TmxError(`${where}: has no <tuv> in the target language "${targetLang}"`);

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
