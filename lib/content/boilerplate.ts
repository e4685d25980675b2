/**
 * Removes news-site boilerplate from an article's text: related-article links,
 * comment widgets, share and follow prompts, ad markers, bylines and editor
 * tags. Only whole lines are removed (plus an editor tag such as "[ah]" at the
 * end of a line); the article's own sentences, quotes, datelines, sub-headings
 * and photo captions are left exactly as they are.
 */

/** Boilerplate lines are short; a longer line is article text whatever it starts with. */
const MAX_BOILERPLATE_LINE = 300;

const NAME = String.raw`[\p{L}][\p{L} .'’-]{0,79}`;
const BYLINE_ROLE = String.raw`(?:reporter|penulis|editor|pewarta|redaktur|wartawan|kontributor|penyunting|jurnalis|writer|author|oleh)`;

/** One rule per kind of boilerplate; each is matched against a whole trimmed line. */
export const BOILERPLATE_RULES: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  // "Baca Juga", "Baca Juga: <headline>", "BACA JUGA: ...", "Baca juga ...", "Simak juga Video: ..."
  { name: "related-link", pattern: /^(?:baca|lihat|simak)\s+(?:juga|pula)\b/iu },
  { name: "related-link", pattern: /^(?:berita|artikel)\s+terkait\b|^baca\s+selengkapnya\b/iu },
  { name: "comments", pattern: /^(?:comments?|komentar)(?:\s*\(\d+\))?$/iu },
  { name: "loading", pattern: /^(?:loading|memuat)\s*(?:…|\.{2,})?$/iu },
  // "Cek Berita dan Artikel yang lain di Google News"
  {
    name: "follow-prompt",
    pattern: /^(?:cek|ikuti|simak|dapatkan|baca)\b.{0,150}\bgoogle\s+news\b/iu,
  },
  // "Simak berita pilihan ... di WhatsApp Channel", "Gabung ke saluran Telegram ..."
  {
    name: "follow-prompt",
    pattern:
      /^(?:simak|ikuti|gabung|bergabung|follow|dapatkan|join)\b.{0,200}\b(?:whatsapp|telegram|instagram|twitter|facebook|youtube|tiktok)\b/iu,
  },
  { name: "follow-prompt", pattern: /^(?:ikuti|follow)\s+(?:kami|us)\b/iu },
  {
    name: "share",
    pattern:
      /^(?:share|bagikan)(?:\s+(?:artikel|berita)\s+ini|\s+this\s+(?:article|story))?\s*:?$/iu,
  },
  { name: "advertisement", pattern: /^(?:advertisement|iklan|sponsored|konten\s+bersponsor)$/iu },
  {
    name: "advertisement",
    pattern:
      /^scroll\s+(?:to\s+continue(?:\s+with\s+content)?|untuk\s+melanjutkan(?:\s+membaca)?)$/iu,
  },
  // "Reporter: Barratut Taqiyyah Rafie | Editor: Barratut Taqiyyah Rafie"
  {
    name: "byline",
    pattern: new RegExp(
      String.raw`^${BYLINE_ROLE}\s*:\s*${NAME}(?:\s*[|,;]\s*${BYLINE_ROLE}\s*:\s*${NAME})*$`,
      "iu",
    ),
  },
  // A line holding only editor initials: "[ah]", "[ah/gg]", "(rw/ahm)"
  { name: "editor-tag", pattern: /^\[[a-z]{1,5}(?:\/[a-z]{1,5})*\]$/u },
  { name: "editor-tag", pattern: /^\([a-z]{1,5}(?:\/[a-z]{1,5})+\)$/u },
  // "Copyright © 2026 Kabar Nusantara. All rights reserved.", "© 2026 ...", "Hak Cipta ..."
  { name: "copyright", pattern: /^(?:copyright\b|hak\s+cipta\b|©)/iu },
];

/**
 * Editor initials appended to the last paragraph: "... tinggal diam. [ah/gg]"
 * (VOA style) or "... kata dia. (rw/ahm)" (a slash, so "(AS)" is not one).
 */
const TRAILING_EDITOR_TAG =
  /\s+(?:\[(?!sic\])[a-z]{1,5}(?:\/[a-z]{1,5})*\]|\([a-z]{1,5}(?:\/[a-z]{1,5})+\))$/u;

/**
 * An author credit closing the article, e.g. "(Rahman Asmardika)" or "(ant)":
 * a parenthesis holding one to five words and nothing sentence-like. Only
 * removed as the last line, because mid-article such a line may be content.
 */
const CLOSING_CREDIT = /^\((?:[\p{L}.'’/-]+)(?:\s+[\p{L}.'’/-]+){0,4}\)$/u;

/** True when a whole line (trimmed) is site boilerplate. */
export function isBoilerplateLine(line: string): boolean {
  const text = line.trim();
  if (text === "" || text.length > MAX_BOILERPLATE_LINE) return false;
  return BOILERPLATE_RULES.some((rule) => rule.pattern.test(text));
}

/**
 * Returns the text without its boilerplate lines. Line structure is kept
 * (one paragraph per line or blank-line separated alike); blank lines left
 * behind by a removed paragraph are collapsed so paragraphs stay separated by
 * at most one blank line.
 */
export function stripBoilerplate(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => !isBoilerplateLine(line))
    .map((line) => line.replace(TRAILING_EDITOR_TAG, ""));

  // Drop trailing blank lines, then a closing author credit if it is the last line.
  while (lines.length > 0 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
  const last = lines[lines.length - 1];
  if (last !== undefined && CLOSING_CREDIT.test(last.trim()) && lines.length > 1) lines.pop();

  return lines
    .join("\n")
    .replace(/\n[^\S\n]*(?:\n[^\S\n]*)+\n/g, "\n\n")
    .trim();
}
