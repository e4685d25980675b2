/**
 * Front matter: a YAML block between "---" lines at the top of a Markdown
 * file, read and written with the `yaml` library. Values are read with YAML's
 * failsafe schema, so every scalar stays the text the author wrote
 * ("2023-09-22", "12", "true"); callers validate the fields (article files
 * with zod).
 */
import { parseDocument, stringify } from "yaml";

export interface FrontMatter {
  /** The block's fields; empty when the file has none or the block is broken. */
  data: Record<string, unknown>;
  /** Everything after the closing "---" line. */
  body: string;
  /** What is wrong, each naming the file's line where it can; empty when all is well. */
  errors: string[];
}

const FENCE = /^---[ \t]*$/;

// A hint for the mistake people make most: an unquoted value with ": " in it.
const HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: ' (put a value that holds ": " in quotes)',
  MISSING_CHAR: "",
};

/** Splits and reads the front matter of `text` (line breaks already normalized to "\n"). */
export function readFrontMatter(text: string): FrontMatter {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) {
    return {
      data: {},
      body: text,
      errors: ["The file has no front matter (a block between two --- lines at the top)."],
    };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end === -1) {
    return { data: {}, body: "", errors: ["The front matter is not closed by a --- line."] };
  }
  const body = lines.slice(end + 1).join("\n");
  const doc = parseDocument(lines.slice(1, end).join("\n"), {
    schema: "failsafe",
    uniqueKeys: true,
  });
  const errors = doc.errors.map((error) => {
    // The block starts on the file's second line.
    const line = (error.linePos?.[0].line ?? 0) + 1;
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    return `Front matter line ${line}: ${reason}${HINTS[error.code] ?? ""}.`;
  });
  if (errors.length > 0) return { data: {}, body, errors };
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {}, body, errors };
  if (typeof data !== "object" || Array.isArray(data))
    return { data: {}, body, errors: ['The front matter must be "key: value" lines.'] };
  return { data: data as Record<string, unknown>, body, errors };
}

/** A front matter block ("---", the fields in the given order, "---") followed by the body. */
export function writeFrontMatter(data: Record<string, string>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}`;
}
