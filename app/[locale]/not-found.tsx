import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

/** Unknown articles, glossary entries and addresses, in the interface language. */
export default function NotFound() {
  const t = useTranslations("errors");
  return (
    <div className="page">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFound")}</p>
      <p>
        <Link href="/">{t("home")}</Link>
      </p>
    </div>
  );
}
