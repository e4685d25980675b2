import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

type Query = Record<string, string | undefined>;

/** Previous/next links for a paged list; the rest of the query (filters) is kept. */
export async function Pager({
  pathname,
  query,
  page,
  pageCount,
}: {
  pathname: "/" | "/glossary";
  query: Query;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  const [t, format] = await Promise.all([getTranslations("pager"), getFormatter()]);
  const kept = Object.fromEntries(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
  const href = (n: number) => ({
    pathname,
    query: n === 1 ? kept : { ...kept, page: String(n) },
  });
  return (
    <nav className="pager" aria-label={t("label")}>
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          ← {t("previous")}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span aria-current="page">
        {t("pageOf", { page: format.number(page), pages: format.number(pageCount) })}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next">
          {t("next")} →
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
