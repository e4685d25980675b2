import type { WordDiffPart } from "@/lib/memory/fuzzy";

/** A word diff: insertions and deletions marked with <ins> and <del> (announced by screen readers). */
export function DiffText({ parts }: { parts: WordDiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.type === "added" ? (
          <ins key={i}>{p.value}</ins>
        ) : p.type === "removed" ? (
          <del key={i}>{p.value}</del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}
