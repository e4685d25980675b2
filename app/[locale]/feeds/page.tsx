import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { feedIntervalMinutes, feedListing } from "@/lib/feeds/feeds";
import { requireLocale } from "@/lib/i18n/locale";
import { roleAllows } from "@/lib/security/routes";
import { ClientMessages } from "../../_components/client-messages";
import { FeedList } from "../../_components/feed-list";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("feeds");
  return { title: t("title") };
}

/** The feeds followed: readers see the list, editors add, refresh and remove. */
export default async function FeedsPage({ params }: PageProps<"/[locale]/feeds">) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const t = await getTranslations("feeds");
  const user = await currentUser({ headers: await headers() });
  const canEdit = user !== null && roleAllows(user.role, "editor");
  const { feeds, at } = await feedListing(getDb());
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro", { minutes: feedIntervalMinutes() })}</p>
      {!canEdit && <p className="muted">{t("readOnly")}</p>}
      <ClientMessages part="feeds">
        <FeedList initial={feeds} renderedAt={at} canEdit={canEdit} />
      </ClientMessages>
    </div>
  );
}
