import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { requireLocale } from "@/lib/i18n/locale";
import { authMode } from "@/lib/security/exposure";
import { ClientMessages } from "../../../_components/client-messages";
import { UserAdmin } from "../../../_components/user-admin";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("usersTitle") };
}

export default async function UsersPage({ params }: PageProps<"/[locale]/admin/users">) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const t = await getTranslations("account");
  const user = await currentUser({ headers: await headers() });
  const allowed = authMode() === "accounts" && user?.role === "admin";
  return (
    <div className="page">
      <h1>{t("usersTitle")}</h1>
      {allowed ? (
        <>
          <p className="muted">{t("usersIntro")}</p>
          <ClientMessages part="account">
            <UserAdmin initial={await listUsers(getDb())} />
          </ClientMessages>
        </>
      ) : (
        <p className="notice" role="alert">
          {t("adminOnly")}
        </p>
      )}
    </div>
  );
}
