import type { Metadata } from "next";
import { headers } from "next/headers";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { requireLocale } from "@/lib/i18n/locale";
import { roleAllows } from "@/lib/security/routes";
import {
  installableModels,
  modelSummaries,
  type ModelSummary,
} from "@/lib/translation/models/summary";
import { ClientMessages } from "../../_components/client-messages";
import { DefaultModelButton } from "../../_components/default-model-button";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("models"))("title") };
}

/** Licence ids as message keys (next-intl reads a dot as nesting). */
const licenceKey = (id: string) => id.replace(/[^A-Za-z0-9]/g, "");

async function ModelCard({
  model,
  canChoose,
  heading: Heading = "h2",
}: {
  model: ModelSummary;
  canChoose: boolean;
  heading?: "h2" | "h3";
}) {
  const t = await getTranslations("models");
  const format = await getFormatter();
  const one = (n: number) => format.number(n, { maximumFractionDigits: 1 });
  const { licence, published, speed, corrections } = model;
  const meaning = licence
    ? t.has(`licences.${licenceKey(licence.id)}` as "licences.MIT")
      ? t(`licences.${licenceKey(licence.id)}` as "licences.MIT")
      : licence.meaning
    : t("licenceUnknown");
  return (
    <li
      className="model-card"
      data-model={model.id}
      data-default={model.isDefault ? "true" : undefined}
      data-installed={model.installed ? "true" : "false"}
    >
      <Heading>
        <code>{model.id}</code>{" "}
        {model.isDefault && <span className="badge model-default">{t("default")}</span>}
        {!model.installed && <span className="badge">{t("notInstalled")}</span>}
      </Heading>
      {model.isDefault && <p className="muted small">{t("defaultHint")}</p>}
      <dl className="model-facts">
        <dt>{t("architecture")}</dt>
        <dd>{t(`architectures.${model.architecture ?? "unknown"}`)}</dd>
        <dt>{t("size")}</dt>
        <dd data-fact="size">
          {model.sizeBytes === null
            ? t("unknown")
            : t("sizeMb", {
                // A small model (a test stand-in) would show as 0 MB without its decimal.
                size: format.number(model.sizeBytes / 1_000_000, {
                  maximumFractionDigits: model.sizeBytes < 10_000_000 ? 1 : 0,
                }),
              })}
        </dd>
        <dt>{t("licence")}</dt>
        <dd data-fact="licence">
          {licence && (
            <>
              <strong>{licence.id}</strong>{" "}
              {!licence.commercial && (
                <span className="badge non-commercial">{t("nonCommercial")}</span>
              )}{" "}
            </>
          )}
          <span className="muted">{meaning}</span>
        </dd>
        <dt>{t("published")}</dt>
        <dd>
          {published
            ? t("publishedScores", {
                bleu: one(published.bleu),
                chrf: one(published.chrf),
                set: published.set,
              })
            : t("publishedNone")}
        </dd>
        <dt>{t("speed")}</dt>
        <dd data-fact="speed">
          {speed
            ? t("speedMeasured", {
                sentences: one(speed.sentencesPerSecond),
                tokens: one(speed.tokensPerSecond),
                count: speed.sentences,
              })
            : t("speedNone")}
        </dd>
        <dt>{t("corrections")}</dt>
        <dd data-fact="corrections">
          {corrections.translated === 0 ? (
            t("correctionsNothing")
          ) : (
            <>
              {corrections.chrf === null
                ? t("correctionsNone", { translated: corrections.translated })
                : t("correctionsFigure", {
                    chrf: one(corrections.chrf),
                    corrected: corrections.corrected,
                    translated: corrections.translated,
                  })}
              <br />
              <span className="muted small">{t("correctionsMeaning")}</span>
            </>
          )}
        </dd>
      </dl>
      {!model.installed && (
        <p className="small">
          {t.rich("install", {
            model: model.id,
            code: (command) => <code>{command}</code>,
          })}
        </p>
      )}
      {canChoose && model.installed && !model.isDefault && (
        <DefaultModelButton model={model.id} />
      )}
    </li>
  );
}

/** Every model that can translate here, judged on this library; admins choose the default. */
export default async function ModelsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(requireLocale(locale));
  const t = await getTranslations("models");
  const [user, { models }] = await Promise.all([
    currentUser({ headers: await headers() }),
    modelSummaries(getDb()),
  ]);
  const canChoose = user !== null && roleAllows(user.role, "admin");
  const installable = installableModels(models);
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {!canChoose && <p className="muted">{t("readOnly")}</p>}
      <ClientMessages part="models">
        <ul className="model-list">
          {models.map((m) => (
            <ModelCard key={m.id} model={m} canChoose={canChoose} />
          ))}
        </ul>
        {installable.length > 0 && (
          <section aria-labelledby="installable-models">
            <h2 id="installable-models">{t("installable")}</h2>
            <p className="muted">{t("installableIntro")}</p>
            <ul className="model-list">
              {installable.map((m) => (
                <ModelCard key={m.id} model={m} canChoose={false} heading="h3" />
              ))}
            </ul>
          </section>
        )}
      </ClientMessages>
    </div>
  );
}
