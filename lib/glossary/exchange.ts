/**
 * Glossary import/export: CSV (RFC 4180) and TBX-Basic XML. Both importers
 * validate every row with the zod schema and reject terms/aliases that an
 * earlier row already uses, instead of failing the whole file.
 */
import { isAllCaps, patternKey } from './matcher';
import { GlossaryEntryInput, formatIssues } from './types';

export const CSV_COLUMNS = ['term', 'translation', 'aliases', 'category', 'note'] as const;
export const ALIAS_SEPARATOR = '|';

export interface ImportRejection {
  /** CSV: spreadsheet row (header is row 1). TBX: position of the termEntry (first is 1). */
  row: number;
  reason: string;
}

export interface ImportResult {
  entries: GlossaryEntryInput[];
  rejected: ImportRejection[];
}

/** The file as a whole cannot be read (syntax error, missing header, not TBX). */
export class GlossaryFormatError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, line?: number, column?: number) {
    super(line !== undefined ? `${message} (line ${line}${column !== undefined ? `, column ${column}` : ''})` : message);
    this.name = 'GlossaryFormatError';
    this.line = line;
    this.column = column;
  }
}

// ---------------------------------------------------------------------------
// Shared validation and duplicate detection

interface RawRow {
  row: number;
  /** Prefix for reasons, e.g. `termEntry "t4"`. */
  label?: string;
  data: unknown;
}

function acceptRows(rows: readonly RawRow[]): ImportResult {
  const entries: GlossaryEntryInput[] = [];
  const rejected: ImportRejection[] = [];
  // Keys follow the matcher's rules, so "korea utara" duplicates "Korea Utara"
  // but "AS" does not duplicate "as": exactly the pairs that would collide when matching.
  const owners = new Map<string, { row: number; text: string; term: string }>();
  const keyOf = (s: string): string => patternKey(s) || `raw:${s}`;

  for (const r of rows) {
    const reject = (reason: string): void => {
      rejected.push({ row: r.row, reason: r.label ? `${r.label}: ${reason}` : reason });
    };
    const parsed = GlossaryEntryInput.safeParse(r.data);
    if (!parsed.success) {
      reject(formatIssues(parsed.error));
      continue;
    }
    const entry = parsed.data;
    const texts = [entry.term, ...entry.aliases];
    const duplicate = texts
      .map((text) => ({ text, owner: owners.get(keyOf(text)) }))
      .find((d) => d.owner !== undefined);
    if (duplicate?.owner) {
      const o = duplicate.owner;
      const what = o.text === o.term ? `the term of row ${o.row}` : `an alias of row ${o.row} (term "${o.term}")`;
      reject(`"${duplicate.text}" is already used as ${what}${o.text !== duplicate.text ? ` as "${o.text}"` : ''}`);
      continue;
    }
    for (const text of texts) owners.set(keyOf(text), { row: r.row, text, term: entry.term });
    entries.push(entry);
  }
  return { entries, rejected };
}

// ---------------------------------------------------------------------------
// CSV

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * RFC 4180 parser: quoted fields may hold commas, doubled quotes and line
 * breaks; CRLF, LF and CR all end a record; a leading BOM is ignored.
 * Throws GlossaryFormatError on an unterminated quote or stray quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = src.length;
  if (n === 0) return records;

  for (;;) {
    // Start of a field.
    let value = '';
    if (src[i] === '"') {
      const openLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new GlossaryFormatError('Unterminated quoted field in CSV', openLine);
        const ch = src[i] as string;
        if (ch === '"') {
          if (src[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        value += ch;
        i++;
      }
      if (i < n && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
        throw new GlossaryFormatError(`Unexpected character ${JSON.stringify(src[i])} after a closing quote in CSV`, line);
      }
    } else {
      const startField = i;
      while (i < n && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
        if (src[i] === '"') {
          throw new GlossaryFormatError('A quote inside an unquoted CSV field (wrap the field in quotes and double the quote)', line);
        }
        i++;
      }
      value = src.slice(startField, i);
    }
    fields.push(value);

    if (i >= n) {
      records.push({ fields, line: recordLine });
      break;
    }
    const sep = src[i];
    if (sep === ',') {
      i++;
      continue;
    }
    // Record end: CRLF, LF or CR.
    i += sep === '\r' && src[i + 1] === '\n' ? 2 : 1;
    line++;
    records.push({ fields, line: recordLine });
    fields = [];
    recordLine = line;
    if (i >= n) break; // trailing line break: no empty record after it
  }
  return records;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text with CRLF line ends, quoting only where needed. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

export function exportCsv(entries: readonly GlossaryEntryInput[]): string {
  return formatCsv([
    [...CSV_COLUMNS],
    ...entries.map((e) => [e.term, e.translation, e.aliases.join(ALIAS_SEPARATOR), e.category, e.note]),
  ]);
}

export function importCsv(text: string): ImportResult {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new GlossaryFormatError(`Empty CSV: expected the header ${CSV_COLUMNS.join(',')}`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = new Map<string, number>();
  names.forEach((name, i) => {
    if (column.has(name) && name !== '') throw new GlossaryFormatError(`CSV header repeats the column "${name}"`, 1);
    column.set(name, i);
  });
  const missing = ['term', 'translation', 'category'].filter((c) => !column.has(c));
  if (missing.length > 0) {
    throw new GlossaryFormatError(
      `CSV header lacks ${missing.map((m) => `"${m}"`).join(', ')}: expected ${CSV_COLUMNS.join(',')}`,
      header.line,
    );
  }
  const get = (fields: string[], name: string): string => {
    const i = column.get(name);
    return i === undefined ? '' : (fields[i] ?? '');
  };

  const rows: RawRow[] = [];
  const rejected: ImportRejection[] = [];
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    if (rec.fields.every((f) => f.trim() === '')) return; // blank line
    if (rec.fields.length > names.length) {
      rejected.push({ row, reason: `Row has ${rec.fields.length} fields but the header has ${names.length}` });
      return;
    }
    const aliases = get(rec.fields, 'aliases')
      .split(ALIAS_SEPARATOR)
      .map((a) => a.trim())
      .filter((a) => a !== '');
    rows.push({
      row,
      data: {
        term: get(rec.fields, 'term'),
        translation: get(rec.fields, 'translation'),
        aliases,
        category: get(rec.fields, 'category').trim().toLowerCase(),
        note: get(rec.fields, 'note'),
      },
    });
  });
  const result = acceptRows(rows);
  result.rejected = [...rejected, ...result.rejected].sort((a, b) => a.row - b.row);
  return result;
}

// ---------------------------------------------------------------------------
// Minimal XML reader (elements, attributes, text, CDATA; comments, PIs and a
// DOCTYPE are skipped). Enough for TBX; anything not well-formed is an error.

export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const NAME_RE = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const XML_CHAR_OK = (cp: number): boolean =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(input: string): XmlElement {
  // XML processors normalize line ends before parsing; &#13; survives as CR.
  const src = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  let pos = 0;
  const stack: { el: XmlElement; at: number }[] = [];
  let root: XmlElement | null = null;

  const where = (at: number): [number, number] => {
    const before = src.slice(0, at);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    return [line, at - before.lastIndexOf('\n')];
  };
  const fail = (message: string, at: number = pos): never => {
    const [line, column] = where(at);
    throw new GlossaryFormatError(`Malformed XML: ${message}`, line, column);
  };
  const readName = (): string => {
    NAME_RE.lastIndex = pos;
    const m = NAME_RE.exec(src);
    if (!m) return fail(`expected a name but found ${describe(src[pos])}`);
    pos += m[0].length;
    return m[0];
  };
  const skipSpace = (): boolean => {
    const start = pos;
    while (pos < src.length && /[ \t\n]/.test(src[pos] as string)) pos++;
    return pos > start;
  };
  const decode = (raw: string, at: number): string => {
    let out = '';
    let i = 0;
    for (;;) {
      const amp = raw.indexOf('&', i);
      if (amp < 0) return out + raw.slice(i);
      out += raw.slice(i, amp);
      const semi = raw.indexOf(';', amp);
      const name = semi < 0 ? '' : raw.slice(amp + 1, semi);
      if (semi < 0 || !/^(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*)$/.test(name)) {
        return fail('"&" must start an entity such as &amp;', at + amp);
      }
      if (name.startsWith('#')) {
        const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!XML_CHAR_OK(cp)) return fail(`&${name}; is not an allowed character`, at + amp);
        out += String.fromCodePoint(cp);
      } else {
        const ch = NAMED_ENTITIES[name];
        if (ch === undefined) return fail(`unknown entity &${name};`, at + amp);
        out += ch;
      }
      i = semi + 1;
    }
  };
  const addText = (text: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (text.trim() !== '') fail('text outside the root element', at);
      return;
    }
    const last = top.el.children[top.el.children.length - 1];
    if (typeof last === 'string') top.el.children[top.el.children.length - 1] = last + text;
    else top.el.children.push(text);
  };
  const skipPast = (terminator: string, what: string): void => {
    const end = src.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated ${what}`);
    pos = end + terminator.length;
  };

  while (pos < src.length) {
    const at = pos;
    if (src[pos] !== '<') {
      const next = src.indexOf('<', pos);
      const end = next < 0 ? src.length : next;
      const raw = src.slice(pos, end);
      if (raw.includes(']]>')) fail('"]]>" is not allowed in text', pos + raw.indexOf(']]>'));
      addText(decode(raw, pos), pos);
      pos = end;
      continue;
    }
    if (src.startsWith('<?', pos)) {
      if (src.startsWith('<?xml', pos) && /[\s?]/.test(src[pos + 5] ?? '') && pos !== 0) {
        fail('the XML declaration must be at the very start');
      }
      skipPast('?>', 'processing instruction');
    } else if (src.startsWith('<!--', pos)) {
      skipPast('-->', 'comment');
    } else if (src.startsWith('<![CDATA[', pos)) {
      if (stack.length === 0) fail('CDATA outside the root element');
      const end = src.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA section');
      addText(src.slice(pos + 9, end), pos);
      pos = end + 3;
    } else if (src.startsWith('<!DOCTYPE', pos)) {
      if (root || stack.length > 0) fail('DOCTYPE after the root element started');
      // Skip to the matching ">", stepping over an internal subset and quoted strings.
      let depth = 0;
      let i = pos + 9;
      let quote = '';
      for (; i < src.length; i++) {
        const ch = src[i];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      if (i >= src.length) fail('unterminated DOCTYPE');
      pos = i + 1;
    } else if (src.startsWith('<!', pos)) {
      fail('unsupported markup declaration');
    } else if (src.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (src[pos] !== '>') fail(`expected ">" to close </${name}`);
      pos++;
      const top = stack.pop();
      if (!top) fail(`end tag </${name}> without a start tag`, at);
      else if (top.el.name !== name) {
        const [line] = where(top.at);
        fail(`expected </${top.el.name}> (opened on line ${line}) but found </${name}>`, at);
      }
    } else {
      pos++;
      const el: XmlElement = { name: readName(), attributes: new Map(), children: [] };
      let selfClosing = false;
      for (;;) {
        const spaced = skipSpace();
        if (src.startsWith('/>', pos)) {
          selfClosing = true;
          pos += 2;
          break;
        }
        if (src[pos] === '>') {
          pos++;
          break;
        }
        if (pos >= src.length) fail(`unterminated start tag <${el.name}`, at);
        if (!spaced) fail(`expected whitespace before an attribute in <${el.name}>`);
        const attrAt = pos;
        const attr = readName();
        skipSpace();
        if (src[pos] !== '=') fail(`attribute "${attr}" in <${el.name}> has no value`);
        pos++;
        skipSpace();
        const quote = src[pos];
        if (quote !== '"' && quote !== "'") fail(`value of attribute "${attr}" must be quoted`);
        const close = src.indexOf(quote as string, pos + 1);
        if (close < 0) fail(`unterminated value of attribute "${attr}"`);
        const raw = src.slice(pos + 1, close);
        if (raw.includes('<')) fail(`"<" in the value of attribute "${attr}"`, pos + 1 + raw.indexOf('<'));
        if (el.attributes.has(attr)) fail(`attribute "${attr}" repeated in <${el.name}>`, attrAt);
        // Attribute-value normalization: literal whitespace becomes a space.
        el.attributes.set(attr, decode(raw.replace(/[\t\n]/g, ' '), pos + 1));
        pos = close + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else if (root) fail(`a second root element <${el.name}>`, at);
      else root = el;
      if (!selfClosing) stack.push({ el, at });
    }
  }
  const open = stack[stack.length - 1];
  if (open) {
    const [line] = where(open.at);
    fail(`document ends before </${open.el.name}> (opened on line ${line})`, src.length);
  }
  if (!root) fail('no root element', 0);
  return root as XmlElement;
}

function describe(ch: string | undefined): string {
  return ch === undefined ? 'the end of the document' : JSON.stringify(ch);
}

/** All text inside an element, markup removed. */
export function xmlText(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(xmlText).join('');
}

const childElements = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => typeof c !== 'string');

function descendants(el: XmlElement, names: ReadonlySet<string>, stopAtMatch = true): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of childElements(e)) {
      if (names.has(c.name)) {
        out.push(c);
        if (stopAtMatch) continue;
      }
      walk(c);
    }
  };
  walk(el);
  return out;
}

// ---------------------------------------------------------------------------
// TBX

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // A literal CR would be normalized away by any XML reader.
    .replace(/\r/g, '&#13;');
}

const PREFERRED = 'preferredTerm-admn-sts';
const ADMITTED = 'admittedTerm-admn-sts';

const looksLikeAcronym = (s: string): boolean => isAllCaps(s) && (s.match(/\p{L}/gu)?.length ?? 0) >= 2;

export interface TbxExportOptions {
  /** Shown in the header's sourceDesc. */
  title?: string;
}

export function exportTbx(
  entries: readonly (GlossaryEntryInput & { id?: string | number })[],
  options: TbxExportOptions = {},
): string {
  const usedIds = new Set<string>();
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<martif type="TBX-Basic" xml:lang="id">',
    '  <martifHeader>',
    '    <fileDesc>',
    '      <sourceDesc>',
    `        <p>${escapeXml(options.title ?? 'Dwibahasa glossary')}</p>`,
    '      </sourceDesc>',
    '    </fileDesc>',
    '    <encodingDesc>',
    '      <p type="XCSURI">TBXBasicXCSV02.xcs</p>',
    '    </encodingDesc>',
    '  </martifHeader>',
    '  <text>',
    '    <body>',
  ];
  entries.forEach((e, index) => {
    // XML ids must be unique names: prefix, drop unsafe characters, de-duplicate.
    let id = e.id === undefined ? `t${index + 1}` : `t-${String(e.id).replace(/[^A-Za-z0-9._-]/g, '_')}`;
    while (usedIds.has(id)) id += `_${index + 1}`;
    usedIds.add(id);

    const termIsAcronym = looksLikeAcronym(e.term);
    const tig = (indent: string, text: string, type: string, status: string): string[] => [
      `${indent}<tig>`,
      `${indent}  <term>${escapeXml(text)}</term>`,
      `${indent}  <termNote type="termType">${type}</termNote>`,
      `${indent}  <termNote type="administrativeStatus">${status}</termNote>`,
      `${indent}</tig>`,
    ];
    lines.push(`      <termEntry id="${escapeXml(id)}">`);
    lines.push(`        <descrip type="subjectField">${escapeXml(e.category)}</descrip>`);
    if (e.note !== '') lines.push(`        <note>${escapeXml(e.note)}</note>`);
    lines.push('        <langSet xml:lang="id">');
    lines.push(...tig('          ', e.term, termIsAcronym ? 'acronym' : 'fullForm', PREFERRED));
    for (const alias of e.aliases) {
      const type = looksLikeAcronym(alias) ? 'acronym' : termIsAcronym ? 'fullForm' : 'variant';
      lines.push(...tig('          ', alias, type, ADMITTED));
    }
    lines.push('        </langSet>');
    lines.push('        <langSet xml:lang="en">');
    lines.push(...tig('          ', e.translation, looksLikeAcronym(e.translation) ? 'acronym' : 'fullForm', PREFERRED));
    lines.push('        </langSet>');
    lines.push('      </termEntry>');
  });
  lines.push('    </body>', '  </text>', '</martif>', '');
  return lines.join('\n');
}

// TBX-Basic 2008 names first, then their TBX v3 equivalents.
const ENTRY_NAMES = new Set(['termEntry', 'conceptEntry']);
const LANGSET_NAMES = new Set(['langSet', 'langSec']);
const TIG_NAMES = new Set(['tig', 'ntig', 'termSec']);
const TERM_NAMES = new Set(['term']);
const TERMNOTE_NAMES = new Set(['termNote']);

const primaryLanguage = (el: XmlElement): string =>
  (el.attributes.get('xml:lang') ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';

interface TbxTerm {
  text: string;
  preferred: boolean;
}

function termsOf(langSet: XmlElement): TbxTerm[] {
  return descendants(langSet, TIG_NAMES).flatMap((tig) => {
    const term = descendants(tig, TERM_NAMES)[0];
    if (!term) return [];
    const status = descendants(tig, TERMNOTE_NAMES, false)
      .filter((n) => n.attributes.get('type') === 'administrativeStatus')
      .map((n) => xmlText(n).trim());
    return [{ text: xmlText(term), preferred: status.includes(PREFERRED) }];
  });
}

export function importTbx(xml: string): ImportResult {
  const root = parseXml(xml);
  if (root.name !== 'martif' && root.name !== 'tbx') {
    throw new GlossaryFormatError(`Not a TBX file: the root element is <${root.name}>, expected <martif>`);
  }
  const rows: RawRow[] = [];
  const rejected: ImportRejection[] = [];
  descendants(root, ENTRY_NAMES).forEach((entry, index) => {
    const row = index + 1;
    const id = entry.attributes.get('id');
    const label = id !== undefined ? `termEntry "${id}"` : `termEntry #${row}`;

    // Entry-level descriptions only (directly or in a descripGrp), not those of a langSet.
    const entryLevel = childElements(entry).flatMap((c) => (c.name === 'descripGrp' ? childElements(c) : [c]));
    const subject = entryLevel.find((c) => c.name === 'descrip' && c.attributes.get('type') === 'subjectField');
    const note = entryLevel
      .filter((c) => c.name === 'note')
      .map(xmlText)
      .join('\n');

    const langSets = childElements(entry).filter((c) => LANGSET_NAMES.has(c.name));
    const source = langSets.filter((l) => ['id', 'in', 'ind'].includes(primaryLanguage(l))).flatMap(termsOf);
    const target = langSets.filter((l) => ['en', 'eng'].includes(primaryLanguage(l))).flatMap(termsOf);
    const main = source.find((t) => t.preferred) ?? source[0];
    const translation = target.find((t) => t.preferred) ?? target[0];
    if (!main) {
      rejected.push({ row, reason: `${label}: no Indonesian (xml:lang="id") term` });
      return;
    }
    if (!translation) {
      rejected.push({ row, reason: `${label}: no English (xml:lang="en") translation` });
      return;
    }
    rows.push({
      row,
      label,
      data: {
        term: main.text,
        translation: translation.text,
        aliases: source.filter((t) => t !== main).map((t) => t.text.trim()),
        category: subject ? xmlText(subject).trim().toLowerCase() : undefined,
        note,
      },
    });
  });

  const result = acceptRows(rows);
  result.rejected = [...rejected, ...result.rejected].sort((a, b) => a.row - b.row);
  return result;
}

// ---------------------------------------------------------------------------

export type GlossaryFileFormat = 'csv' | 'tbx';

/** Picks the format from a file name, falling back to sniffing the content. */
export function detectFormat(fileName: string, content: string): GlossaryFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tbx') || lower.endsWith('.xml')) return 'tbx';
  if (lower.endsWith('.csv')) return 'csv';
  return content.replace(/^\uFEFF/, '').trimStart().startsWith('<') ? 'tbx' : 'csv';
}

export function importGlossary(content: string, format: GlossaryFileFormat): ImportResult {
  return format === 'tbx' ? importTbx(content) : importCsv(content);
}

export function exportGlossary(entries: readonly GlossaryEntryInput[], format: GlossaryFileFormat): string {
  return format === 'tbx' ? exportTbx(entries) : exportCsv(entries);
}
