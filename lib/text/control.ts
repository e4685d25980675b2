/**
 * Control characters: what no stored text may contain. Text fields refuse C0
 * and C1 controls, DEL and the noncharacters U+FFFE/U+FFFF; one-line fields
 * (a translation, a term) also refuse tab and line breaks.
 */

const CONTROL_CLASS = String.raw`\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF`;
const CONTROL_RE = new RegExp(`[${CONTROL_CLASS}]`, "u");
const CONTROL_OR_BREAK_RE = new RegExp(`[${CONTROL_CLASS}\\t\\n\\r]`, "u");

/** True when the text holds a control character; tab and line breaks count only with `lineBreaks: false`. */
export function hasControlChars(text: string, { lineBreaks = true } = {}): boolean {
  return (lineBreaks ? CONTROL_RE : CONTROL_OR_BREAK_RE).test(text);
}

/** How many control characters (tab and line breaks allowed) and U+FFFD replacement characters the text has. */
export function countSuspiciousChars(text: string): number {
  return text.match(new RegExp(`[${CONTROL_CLASS}\\uFFFD]`, "gu"))?.length ?? 0;
}
