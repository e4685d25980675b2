"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { callApi, useApiErrorText } from "./api-client";

/** Email and password to POST /api/session; on success, the page the reader asked for. */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("account");
  const errorText = useApiErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await callApi("/api/session", {
      method: "POST",
      body: {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      },
    });
    if (result.ok) {
      // A full load: the layout reads the new session cookie on the server.
      window.location.assign(next);
    } else {
      setError(errorText(result));
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={(e) => void submit(e)}>
      {error && (
        <p className="notice" role="alert">
          {t("failed", { message: error })}
        </p>
      )}
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="username" required maxLength={320} />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? t("signingIn") : t("submit")}
      </button>
    </form>
  );
}
