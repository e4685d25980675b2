import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { currentUser, LOCAL_USER } from "@/lib/auth/session";
import { requireLocale } from "@/lib/i18n/locale";
import { routing } from "@/lib/i18n/routing";
import { clientMessages } from "@/lib/i18n/client-messages";
import { applySavedSettingsScript } from "../_components/reading-settings";
import { SiteHeader } from "../_components/site-header";
import "../globals.css";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({
  params,
}: Pick<LayoutProps<"/[locale]">, "params">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: requireLocale(locale), namespace: "app" });
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("app");
  // The page's nonce (proxy.ts): the content security policy runs no inline script without it.
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  // With accounts, every page but the sign-in page needs a signed-in user.
  const user = await currentUser({ headers: requestHeaders });
  const path = requestHeaders.get("x-pathname") ?? `/${locale}`;
  const onSignIn = path === `/${locale}/sign-in`;
  if (!user && !onSignIn) redirect(`/${locale}/sign-in?next=${encodeURIComponent(path)}`);
  const account = user && user.id !== LOCAL_USER.id ? { name: user.name, role: user.role } : null;
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: applySavedSettingsScript }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={await clientMessages("layout")}>
          <SiteHeader account={account} />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
