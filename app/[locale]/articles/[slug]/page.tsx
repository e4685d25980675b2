import type { Metadata } from "next";
import { headers } from "next/headers";
import { requireLocale } from "@/lib/i18n/locale";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { getArticleView, type ArticleView } from "@/lib/articles/queries";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { Link } from "@/lib/i18n/navigation";
import { termsInText } from "@/lib/glossary/reader-terms";
import { currentUser } from "@/lib/auth/session";
import { roleAllows } from "@/lib/security/routes";
import { defaultEngine } from "@/lib/translation/engines";
import { modelChoices } from "@/lib/translation/models/choice";
import { noteVolatileRead } from "@/lib/cache/response-scope";
import { ClientMessages } from "../../../_components/client-messages";
import { ModelChoiceProvider } from "../../../_components/reader/model-choice";
import { Reader } from "../../../_components/reader/reader";

export const dynamic = "force-dynamic";

async function loadArticle(slug: string): Promise<ArticleView> {
  try {
    return await getArticleView(getDb(), decodeURIComponent(slug));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/articles/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  return { title: (await loadArticle(slug)).title };
}

export default async function ReaderPage({ params }: PageProps<"/[locale]/articles/[slug]">) {
  const { locale, slug } = await params;
  setRequestLocale(requireLocale(locale));
  const [article, t, format] = await Promise.all([
    loadArticle(slug),
    getTranslations("reader"),
    getFormatter(),
  ]);
  const [engine, choices, user] = await Promise.all([
    defaultEngine(getDb()),
    modelChoices(getDb()),
    currentUser({ headers: await headers() }),
  ]);
  const model = engine.status();
  // A kept copy of this page is served only while the model's state is the same.
  noteVolatileRead(() => JSON.stringify(engine.status()));
  const terms = await termsInText(
    getDb(),
    article.paragraphs.flatMap((p) => p.segments.map((s) => s.source)),
  );
  return (
    <article className="page reader-page">
      <p>
        <Link href="/">← {t("back")}</Link>
      </p>
      <ClientMessages part="reader">
        {/* The models the sentence editor and the toolbar offer, and whether this reader may store a choice. */}
        <ModelChoiceProvider
          value={{ ...choices, canEdit: user !== null && roleAllows(user.role, "editor") }}
        >
          <Reader
            article={article}
            model={model}
            terms={terms}
            header={
              <>
                <p className="article-meta">
                  {[
                    article.source,
                    article.author,
                    article.publishedAt &&
                      format.dateTime(new Date(article.publishedAt), {
                        dateStyle: "long",
                        timeZone: "UTC",
                      }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {article.url && (
                  <p className="article-original">
                    <a href={article.url} rel="noopener noreferrer" target="_blank">
                      {t("original")}
                    </a>
                  </p>
                )}
              </>
            }
          />
        </ModelChoiceProvider>
      </ClientMessages>
    </article>
  );
}
