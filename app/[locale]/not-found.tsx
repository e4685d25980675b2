import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function NotFound() {
  const t = useTranslations();
  return (
    <div className="page">
      <h1>{t("errors.notFoundTitle")}</h1>
      <p>{t("errors.notFound")}</p>
      <p>
        <Link href="/">{t("reader.back")}</Link>
      </p>
    </div>
  );
}
