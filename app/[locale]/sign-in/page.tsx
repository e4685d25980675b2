import { getTranslations, setRequestLocale } from "next-intl/server";
import { firstParam } from "@/lib/http";
import { requireLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "../../_components/client-messages";
import { SignInForm } from "../../_components/sign-in-form";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const t = await getTranslations("account");
  const next = firstParam((await searchParams).next);
  // Only a path of this site: never a redirect to another one.
  const target = next && /^\/[^/\\]/.test(next) ? next : `/${locale}`;
  return (
    <div className="page narrow">
      <h1>{t("signInTitle")}</h1>
      <p className="muted">{t("signInIntro")}</p>
      <ClientMessages part="account">
        <SignInForm next={target} />
      </ClientMessages>
    </div>
  );
}
