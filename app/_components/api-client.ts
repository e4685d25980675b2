"use client";

// The browser's one way to call the JSON API: every failure becomes a result
// with the server's message, never an exception the caller forgets to catch.

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ErrorBody, ErrorCode, ErrorParams } from "@/lib/errors";

export type ApiFailure = {
  ok: false;
  status: number;
  error: string;
  code?: ErrorCode;
  params?: ErrorParams;
  body: Record<string, unknown>;
};
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export async function callApi<T>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    // A form (a file upload) goes as multipart, with the boundary the browser sets.
    const payload = init.body;
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers:
        payload === undefined || payload instanceof FormData
          ? undefined
          : { "content-type": "application/json" },
      body:
        payload === undefined
          ? undefined
          : payload instanceof FormData
            ? payload
            : JSON.stringify(payload),
    });
  } catch {
    return { ok: false, status: 0, error: "network", code: "network", body: {} };
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // The server's error shape (lib/errors.ts), when the response has one: a proxy's
    // error page or an empty body has none.
    const failure = body as Partial<ErrorBody>;
    return {
      ok: false,
      status: response.status,
      error: typeof failure.error === "string" ? failure.error : response.statusText,
      code:
        typeof failure.code === "string"
          ? failure.code
          : response.status >= 500
            ? "server"
            : undefined,
      params: failure.params,
      body,
    };
  }
  return { ok: true, status: response.status, data: body as T };
}

/** Turns an API failure into a sentence in the interface language (English text as the fallback). */
export function useApiErrorText(): (
  failure: Pick<ApiFailure, "error" | "code" | "params">,
) => string {
  const t = useTranslations("apiErrors");
  // The same function while the language stays the same, so effects may depend on it.
  return useCallback(
    (failure) => {
      const code = failure.code;
      // A code the messages lack (a server of another version) shows the English text.
      if (!code || !t.has(code)) return failure.error;
      const params: ErrorParams = { ...failure.params };
      const field = params.field;
      if (typeof field === "string")
        params.field = t.has(`fields.${field}` as "notFound")
          ? t(`fields.${field}` as "notFound")
          : field;
      return t(code, params);
    },
    [t],
  );
}
