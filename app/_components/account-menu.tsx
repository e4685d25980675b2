"use client";

import { useTranslations } from "next-intl";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { callApi } from "./api-client";

/** Who is signed in, the users page for administrators, and signing out (accounts mode). */
export function AccountMenu({ name, role }: { name: string; role: "reader" | "editor" | "admin" }) {
  const t = useTranslations("account");
  const router = useRouter();
  async function signOut() {
    await callApi("/api/session", { method: "DELETE" });
    // The layout renders again on the server, now without a session.
    router.replace("/sign-in");
    router.refresh();
  }
  return (
    <div className="account-menu">
      <span>{t("signedInAs", { name, role: t(`roles.${role}`) })}</span>
      {role === "admin" && <Link href="/admin/users">{t("users")}</Link>}
      <button type="button" onClick={() => void signOut()}>
        {t("signOut")}
      </button>
    </div>
  );
}
