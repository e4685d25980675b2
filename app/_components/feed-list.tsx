"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { FeedSummary, RefreshReport } from "@/lib/feeds/feeds";
import type { OpmlImportReport } from "@/lib/feeds/opml";
import { AddressField } from "./address-field";
import { callApi, useApiErrorText } from "./api-client";

type Notice = { ok: boolean; text: string; details?: string[] };

/** How often the list is read again: often while a feed waits for its first fetch. */
const WAITING_POLL_MS = 3_000;
const IDLE_POLL_MS = 60_000;

/** The feeds page's list: when each feed was fetched, with what result, when next, how many articles. */
export function FeedList({
  initial,
  renderedAt,
  canEdit,
}: {
  initial: FeedSummary[];
  /** The server's clock when the page was made, so relative times hydrate unchanged. */
  renderedAt: number;
  canEdit: boolean;
}) {
  const t = useTranslations("feeds");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const [feeds, setFeeds] = useState(initial);
  const [now, setNow] = useState(renderedAt);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<number | "add" | "opml" | null>(null);

  const reload = useCallback(async () => {
    const result = await callApi<FeedSummary[]>("/api/feeds");
    if (result.ok) setFeeds(result.data);
    else setNotice({ ok: false, text: t("loadFailed", { message: errorText(result) }) });
    setNow(Date.now());
  }, [t, errorText]);

  const waiting = feeds.some((feed) => feed.lastFetchedAt === null);
  useEffect(() => {
    const timer = setInterval(() => void reload(), waiting ? WAITING_POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [reload, waiting]);

  async function follow(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const url = String(new FormData(form).get("url") ?? "").trim();
    if (url === "") return;
    setBusy("add");
    setNotice(null);
    const result = await callApi<{ id: number; title: string }>("/api/feeds", {
      method: "POST",
      body: { url },
    });
    setBusy(null);
    if (result.ok) {
      form.reset();
      setNotice({ ok: true, text: t("followed", { title: result.data.title }) });
      await reload();
    } else setNotice({ ok: false, text: t("followFailed", { message: errorText(result) }) });
  }

  async function importList(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setBusy("opml");
    setNotice(null);
    const result = await callApi<OpmlImportReport>("/api/feeds/opml", {
      method: "POST",
      body: data,
    });
    setBusy(null);
    if (result.ok) {
      const { added, skipped, failed } = result.data;
      form.reset();
      setNotice({
        ok: failed.length === 0,
        text: t("opmlImported", { added: added.length, skipped, failed: failed.length }),
        details: failed.map((item) => t("itemFailed", { url: item.url, message: errorText(item) })),
      });
      await reload();
    } else setNotice({ ok: false, text: t("opmlFailed", { message: errorText(result) }) });
  }

  async function refresh(feed: FeedSummary) {
    setBusy(feed.id);
    setNotice(null);
    const result = await callApi<RefreshReport>(`/api/feeds/${feed.id}/refresh`, {
      method: "POST",
    });
    setBusy(null);
    if (!result.ok) {
      setNotice({
        ok: false,
        text: t("refreshFailed", { title: feed.title, message: errorText(result) }),
      });
    } else if (result.data.code) {
      const { error, code, params } = result.data;
      setNotice({
        ok: false,
        text: t("refreshFailed", {
          title: feed.title,
          message: errorText({ error: error ?? "", code, params: params ?? {} }),
        }),
      });
    } else {
      const { added, skipped, failed } = result.data;
      setNotice({
        ok: failed.length === 0,
        text: t("refreshed", { title: feed.title, added, skipped, failed: failed.length }),
        details: failed.map((item) => t("itemFailed", { url: item.url, message: errorText(item) })),
      });
    }
    await reload();
  }

  async function remove(feed: FeedSummary) {
    if (!window.confirm(t("confirmRemove", { title: feed.title }))) return;
    setBusy(feed.id);
    setNotice(null);
    const result = await callApi<null>(`/api/feeds/${feed.id}`, { method: "DELETE" });
    setBusy(null);
    if (result.ok) setNotice({ ok: true, text: t("removed", { title: feed.title }) });
    else
      setNotice({
        ok: false,
        text: t("removeFailed", { title: feed.title, message: errorText(result) }),
      });
    await reload();
  }

  const when = (iso: string | null, future = false) => {
    if (iso === null) return t("never");
    const date = new Date(iso);
    if (future && date.getTime() <= now) return t("dueNow");
    return (
      <time dateTime={iso} title={iso}>
        {format.relativeTime(date, now)}
      </time>
    );
  };

  const result = (feed: FeedSummary) => {
    if (feed.lastErrorCode)
      return (
        <span className="feed-error">
          {errorText({
            error: feed.lastError ?? "",
            code: feed.lastErrorCode,
            params: feed.lastErrorParams ?? {},
          })}
        </span>
      );
    if (feed.lastError) return <span className="feed-error">{feed.lastError}</span>;
    return feed.lastFetchedAt === null ? t("waiting") : t("ok");
  };

  return (
    <>
      {canEdit && (
        <form className="entry-form feed-add" onSubmit={(e) => void follow(e)}>
          <h2>{t("add")}</h2>
          <AddressField id="feed-address" label={t("address")} hint={t("addressHint")} />
          <div>
            <button type="submit" className="primary" disabled={busy === "add"}>
              {busy === "add" ? t("following") : t("follow")}
            </button>
          </div>
        </form>
      )}
      <details className="feed-opml">
        <summary>{t("opml")}</summary>
        <p className="muted">{t("opmlIntro")}</p>
        <p>
          <a href="/api/feeds/opml" download>
            {t("exportOpml")}
          </a>
        </p>
        {canEdit && (
          <form className="entry-form" onSubmit={(e) => void importList(e)}>
            <label>
              {t("opmlFile")}
              <input
                type="file"
                name="file"
                accept=".opml,.xml,text/x-opml,application/xml,text/xml"
                required
              />
            </label>
            <div>
              <button type="submit" disabled={busy === "opml"}>
                {busy === "opml" ? t("importingOpml") : t("importOpml")}
              </button>
            </div>
          </form>
        )}
      </details>
      <div aria-live="polite" className="feed-notice">
        {notice && (
          <div className={notice.ok ? "saved" : "notice"} role={notice.ok ? "status" : "alert"}>
            <p>{notice.text}</p>
            {notice.details && notice.details.length > 0 && (
              <ul>
                {notice.details.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {feeds.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="glossary-table feeds-table">
            <thead>
              <tr>
                <th scope="col">{t("feed")}</th>
                <th scope="col">{t("lastFetch")}</th>
                <th scope="col">{t("result")}</th>
                <th scope="col">{t("nextFetch")}</th>
                <th scope="col" className="num">
                  {t("articles")}
                </th>
                {canEdit && <th scope="col">{t("actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => (
                <tr key={feed.id} data-feed-id={feed.id}>
                  <th scope="row">
                    {feed.title}
                    <br />
                    <a href={feed.url} className="muted feed-url" rel="noreferrer noopener">
                      {feed.url}
                    </a>
                  </th>
                  <td>{when(feed.lastFetchedAt)}</td>
                  <td>{result(feed)}</td>
                  <td>{when(feed.nextFetchAt, true)}</td>
                  <td className="num" data-testid="feed-articles">
                    {format.number(feed.articleCount)}
                  </td>
                  {canEdit && (
                    <td>
                      <div className="feed-actions">
                        <button
                          type="button"
                          disabled={busy === feed.id}
                          aria-label={t("refreshLabel", { title: feed.title })}
                          onClick={() => void refresh(feed)}
                        >
                          {busy === feed.id ? t("refreshing") : t("refresh")}
                        </button>
                        <button
                          type="button"
                          className="danger"
                          disabled={busy === feed.id}
                          aria-label={t("removeLabel", { title: feed.title })}
                          onClick={() => void remove(feed)}
                        >
                          {t("remove")}
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
