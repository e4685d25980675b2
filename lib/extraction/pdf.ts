/**
 * A PDF's text layer (read with unpdf, Mozilla's PDF.js for servers) as
 * paragraphs: lines rebuilt from positioned text, two columns read one after
 * the other, running headers, footers and page numbers left out, words broken
 * at a line end joined again, and paragraphs found by spacing and indentation.
 */
import { getDocumentProxy } from "unpdf";
import { ValidationError } from "../errors";
import { HYPHENS } from "../text/words";

export interface PdfDocument {
  title: string | null;
  author: string | null;
  /** Headings and paragraphs, in reading order. */
  paragraphs: string[];
}

interface Piece {
  text: string;
  x: number;
  /** Baseline, from the page's bottom. */
  y: number;
  width: number;
  size: number;
}

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

function unreadable(name: string, detail: string): ValidationError {
  return new ValidationError(`${name} cannot be read as a PDF (${detail}).`, "importFileInvalid", {
    detail,
  });
}

/** Pieces on one baseline, left to right, as one line (a space where there is a gap). */
function joinLine(pieces: Piece[], page: number): Line {
  pieces.sort((a, b) => a.x - b.x);
  let text = "";
  let end = -Infinity;
  for (const p of pieces) {
    const gap = p.x - end;
    if (text !== "" && gap > p.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(p.text)) text += " ";
    text += p.text;
    end = Math.max(end, p.x + p.width);
  }
  const size = Math.max(...pieces.map((p) => p.size));
  return {
    text: text.replace(/\s+/g, " ").trim(),
    x: pieces[0]!.x,
    right: end,
    y: pieces[0]!.y,
    size,
    page,
  };
}

/** Pieces grouped by baseline, top to bottom. */
function linesOf(pieces: Piece[], page: number): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Piece[][] = [];
  for (const piece of sorted) {
    const group = groups.at(-1);
    if (group && Math.abs(group[0]!.y - piece.y) < Math.max(group[0]!.size, piece.size) * 0.4)
      group.push(piece);
    else groups.push([piece]);
  }
  return groups.map((g) => joinLine(g, page)).filter((l) => l.text !== "");
}

/**
 * The page's lines in reading order. Where nothing (or only a title, a wide
 * table) touches a narrow band down the middle of the page, the page has two
 * columns: each stretch between wide lines is read left column first.
 */
function readingOrder(pieces: Piece[], width: number, page: number): Line[] {
  const middle = width / 2;
  const gutter = width * 0.015;
  const crosses = (p: Piece) => p.x < middle + gutter && p.x + p.width > middle - gutter;
  const lines = linesOf(pieces, page);
  const narrow = pieces.filter((p) => !crosses(p));
  const left = narrow.filter((p) => p.x < middle);
  if (left.length < 3 || narrow.length - left.length < 3) return lines;
  const wide = linesOf(pieces.filter(crosses), page);
  if (wide.length > lines.length * 0.3) return lines;
  const out: Line[] = [];
  const flush = (band: Piece[]) =>
    out.push(
      ...linesOf(
        band.filter((p) => p.x < middle),
        page,
      ),
      ...linesOf(
        band.filter((p) => p.x >= middle),
        page,
      ),
    );
  let rest = narrow;
  for (const line of wide) {
    const above = line.y + line.size * 0.4;
    flush(rest.filter((p) => p.y > above));
    rest = rest.filter((p) => p.y <= above);
    out.push(line);
  }
  flush(rest);
  return out;
}

/** A line's shape with its digits blurred: "Halaman 3 dari 12" and "Halaman 4 dari 12" are one header. */
const shape = (text: string) => text.replace(/\d+/g, "#").toLowerCase();
const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:page|halaman|hlm\.?)?\s*\d+(?:\s*(?:of|dari|\/)\s*\d+)?(?:\s*[-–—])?$/i;

/** Leaves out running headers and footers (the same line at the top or bottom of most pages) and page numbers. */
function withoutFurniture(pages: Line[][]): Line[][] {
  const edgeCount = new Map<string, number>();
  for (const lines of pages) {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    const edges = new Set([...byY.slice(0, 2), ...byY.slice(-2)].map((l) => shape(l.text)));
    for (const e of edges) edgeCount.set(e, (edgeCount.get(e) ?? 0) + 1);
  }
  const repeated = (l: Line) =>
    pages.length >= 2 && (edgeCount.get(shape(l.text)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((lines) => {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    const edges = new Set([...byY.slice(0, 2), ...byY.slice(-2)]);
    return lines.filter((l) => !(edges.has(l) && (repeated(l) || PAGE_NUMBER.test(l.text))));
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

const HYPHEN_END = new RegExp(`(\\p{L}+)[${HYPHENS}\u00ad]$`, "u");

/** Joins a line to the paragraph before it; a word broken with a hyphen is made whole ("pem-" "bangunan"), a doubled word keeps its hyphen ("anak-" "anak"). */
function append(paragraph: string, line: string): string {
  const broken = HYPHEN_END.exec(paragraph);
  const next = /^\p{L}+/u.exec(line)?.[0] ?? "";
  if (broken && next && /^\p{Ll}/u.test(next)) {
    const before = broken[1]!;
    const keep = paragraph.endsWith("\u00ad") ? false : before.toLowerCase() === next.toLowerCase();
    return paragraph.slice(0, -1) + (keep ? "-" : "") + line;
  }
  return `${paragraph} ${line}`;
}

/** Lines in reading order as paragraphs: a new one after a wider gap, an indented first line, a larger font, or a short last line. */
function paragraphsOf(lines: Line[]): string[] {
  // The body's size: the one most of the text is set in.
  const chars = new Map<number, number>();
  for (const l of lines)
    chars.set(Math.round(l.size), (chars.get(Math.round(l.size)) ?? 0) + l.text.length);
  const body = [...chars].sort((a, b) => b[1] - a[1])[0]![0];
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (lines[i]!.page === lines[i - 1]!.page && gap > 0) gaps.push(gap);
  }
  const spacing = median(gaps) || body * 1.2;
  const left = median(lines.map((l) => l.x));
  const out: string[] = [];
  let current = "";
  let previous: Line | null = null;
  for (const line of lines) {
    const heading = line.size > body * 1.15;
    const wasHeading = previous !== null && previous.size > body * 1.15;
    let fresh = previous === null || heading || wasHeading;
    if (!fresh && previous) {
      const sameColumn = line.page === previous.page && previous.y > line.y;
      if (sameColumn) {
        const gap = previous.y - line.y;
        fresh =
          gap > spacing * 1.4 || (line.x > previous.x + body * 0.8 && line.x > left + body * 0.8);
      } else {
        // Over a page or column break, a sentence that did not end goes on.
        fresh = /[.!?:"”’)]$/.test(current) && !/^\p{Ll}/u.test(line.text);
      }
    }
    if (fresh) {
      if (current) out.push(current);
      current = line.text;
    } else current = append(current, line.text);
    previous = line;
  }
  if (current) out.push(current);
  return out.map((p) => p.replace(/\u00ad/g, ""));
}

/** Reads a PDF's text; a scan without text, a protected or a broken file is a 422 that says so. */
export async function readPdf(bytes: Buffer, name: string): Promise<PdfDocument> {
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    if ((error as Error).name === "PasswordException")
      throw new ValidationError(`${name} is protected by a password.`, "importPdfProtected");
    throw unreadable(name, (error as Error).message);
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const { width } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [a, b, , , x, y] = item.transform as number[];
        pieces.push({
          text: item.str,
          x: x!,
          y: y!,
          width: item.width,
          size: Math.hypot(a!, b!) || item.height,
        });
      }
      pages.push(readingOrder(pieces, width, n));
    }
    const lines = withoutFurniture(pages).flat();
    if (lines.length === 0)
      throw new ValidationError(
        `${name} has no text layer (it is a scan or an image), so there is no text to import.`,
        "importPdfNoText",
      );
    const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<
      string,
      unknown
    >;
    const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
    return { title: text(info.Title), author: text(info.Author), paragraphs: paragraphsOf(lines) };
  } finally {
    await pdf.loadingTask.destroy();
  }
}
