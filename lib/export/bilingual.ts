import type { BilingualLayout, ExportArticle, ExportSegment } from "./types";
import { escapeMarkup } from "../text/escape";

/** Shown where a sentence has no translation yet. */
export const UNTRANSLATED_PLACEHOLDER = "\u2014";

type Piece =
  { text: string; missing: false } | { text: typeof UNTRANSLATED_PLACEHOLDER; missing: true };

/**
 * One paragraph as the two texts to print. Each untranslated sentence becomes
 * a placeholder in its place, so a half-translated paragraph still shows which
 * part is missing; runs of placeholders collapse into one.
 */
function paragraphTexts(segments: readonly ExportSegment[]): { id: string; en: Piece[] } {
  const en: Piece[] = [];
  for (const segment of segments) {
    const text = segment.translation?.text.trim() ?? "";
    if (text !== "") en.push({ text, missing: false });
    else if (!en[en.length - 1]?.missing)
      en.push({ text: UNTRANSLATED_PLACEHOLDER, missing: true });
  }
  return {
    id: segments
      .map((s) => s.source.trim())
      .filter((s) => s !== "")
      .join(" "),
    en,
  };
}

function visibleParagraphs(article: ExportArticle) {
  return [...article.paragraphs]
    .sort((a, b) => a.index - b.index)
    .filter((p) => p.segments.length > 0)
    .map((p) => paragraphTexts(p.segments));
}

const splitLines = (text: string) => text.split(/\r\n|\r|\n|\u2028|\u2029/);

// ---------------------------------------------------------------- Markdown

/**
 * Backslash-escapes what Markdown (CommonMark/GFM) would otherwise read as
 * formatting or raw HTML, so user text always renders literally.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>|~]/g, "\\$&")
      // "&amp;" would render as "&", but a lone "&" is harmless and stays readable.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
      // Line-start syntax: headings, bullet lists, setext underlines, ordered lists
      // (a backslash only escapes punctuation, so "1." becomes "1\." and not "\1.").
      .replace(/^(\s*)([#+=-])(?=[\s#=-]|$)/, "$1\\$2")
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, "$1\\$2")
  );
}

function mdCell(text: string): string {
  // A table row is one line; a break inside a cell needs an explicit <br>.
  return splitLines(text).map(escapeMarkdown).join("<br>");
}

function mdBlock(text: string, prefix = ""): string {
  // A trailing backslash is CommonMark's hard line break.
  return (
    splitLines(text)
      // Leading spaces would turn a line into an indented code block.
      .map((line) => prefix + escapeMarkdown(line.trim()))
      .join("\\\n")
  );
}

const enText = (pieces: Piece[]) => pieces.map((p) => p.text).join(" ");

/** The title's English translation as one line, or null while it has none. */
function englishTitle(article: ExportArticle): string | null {
  const text = article.titleSegment?.translation?.text.replace(/\s+/g, " ").trim();
  return text ? text : null;
}

function mdHeader(article: ExportArticle): string[] {
  const out = [`# ${escapeMarkdown(article.title.replace(/\s+/g, " ").trim())}`, ""];
  const english = englishTitle(article);
  if (english) out.push(`*${escapeMarkdown(english)}*`, "");
  const meta: string[] = [];
  if (article.source) meta.push(`Source: ${escapeMarkdown(article.source)}`);
  if (article.publishedAt) meta.push(`Published: ${escapeMarkdown(article.publishedAt)}`);
  if (meta.length > 0) out.push(meta.join(" · "), "");
  return out;
}

export function articleToMarkdown(article: ExportArticle, layout: BilingualLayout): string {
  const lines = mdHeader(article);
  const paragraphs = visibleParagraphs(article);
  if (layout === "side") {
    lines.push("| Indonesian | English |", "| --- | --- |");
    for (const p of paragraphs) lines.push(`| ${mdCell(p.id)} | ${mdCell(enText(p.en))} |`);
    lines.push("");
  } else {
    for (const p of paragraphs) {
      lines.push(mdBlock(p.id), "", mdBlock(enText(p.en), "> "), "");
    }
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------- HTML

/** Escaped text with its own line breaks kept as <br>. */
const htmlText = (text: string) => splitLines(text).map(escapeMarkup).join("<br>");

function htmlPieces(pieces: Piece[]): string {
  return pieces
    .map((p) =>
      p.missing
        ? `<span class="untranslated" title="Not translated yet">${p.text}</span>`
        : htmlText(p.text),
    )
    .join(" ");
}

const STYLE = `
  body { font: 12pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 .25em; }
  .meta { color: #555; margin: 0 0 1.5em; }
  .title-en { font-size: 1.15em; color: #333; margin: 0 0 .5em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #bbb; padding: .4em .6em; vertical-align: top; text-align: left; width: 50%; }
  th { background: #f2f2f2; }
  thead { display: table-header-group; }
  tr, .pair { break-inside: avoid; page-break-inside: avoid; }
  .pair { margin: 0 0 1.2em; }
  .pair p { margin: 0; }
  .pair .en { margin-top: .3em; padding-left: .8em; border-left: 3px solid #bbb; color: #333; }
  .untranslated { color: #888; }
  @page { margin: 2cm; }
  @media print { body { margin: 0; max-width: none; font-size: 11pt; } th { background: none; } }
`;

export function articleToHtml(article: ExportArticle, layout: BilingualLayout): string {
  const paragraphs = visibleParagraphs(article);
  const meta: string[] = [];
  if (article.source)
    meta.push(`Source: <span class="source">${escapeMarkup(article.source)}</span>`);
  if (article.publishedAt) {
    const date = escapeMarkup(article.publishedAt);
    meta.push(`Published: <time datetime="${date}">${date}</time>`);
  }

  let content: string;
  if (layout === "side") {
    const rows = paragraphs.map(
      (p) =>
        `      <tr><td lang="id">${htmlText(p.id)}</td><td lang="en">${htmlPieces(p.en)}</td></tr>`,
    );
    content = [
      '  <table class="bilingual">',
      '    <thead><tr><th scope="col">Indonesian</th><th scope="col">English</th></tr></thead>',
      "    <tbody>",
      ...rows,
      "    </tbody>",
      "  </table>",
    ].join("\n");
  } else {
    content = paragraphs
      .map(
        (p) =>
          `  <div class="pair">\n    <p class="id" lang="id">${htmlText(p.id)}</p>\n` +
          `    <p class="en" lang="en">${htmlPieces(p.en)}</p>\n  </div>`,
      )
      .join("\n");
  }

  const title = escapeMarkup(article.title.replace(/\s+/g, " ").trim());
  const english = englishTitle(article);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<article>",
    "  <header>",
    `    <h1 lang="id">${title}</h1>`,
    ...(english === null ? [] : [`    <p class="title-en" lang="en">${escapeMarkup(english)}</p>`]),
    ...(meta.length > 0 ? [`    <p class="meta">${meta.join(" · ")}</p>`] : []),
    "  </header>",
    content,
    "</article>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
