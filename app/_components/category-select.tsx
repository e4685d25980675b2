import { useTranslations } from "next-intl";
import { GLOSSARY_CATEGORIES, type GlossaryCategory } from "@/lib/glossary/types";

/** The glossary categories as a labelled select; `allLabel` adds an "any category" choice. */
export function CategorySelect({
  label,
  defaultValue,
  allLabel,
}: {
  label: string;
  defaultValue: GlossaryCategory | "";
  allLabel?: string;
}) {
  const t = useTranslations("glossary.categories");
  return (
    <label>
      {label}
      <select name="category" defaultValue={defaultValue}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {GLOSSARY_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(c)}
          </option>
        ))}
      </select>
    </label>
  );
}
