import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { clientMessages, type ClientPart } from "@/lib/i18n/client-messages";

/** Client components below get only the message namespaces their part of the interface uses. */
export async function ClientMessages({
  part,
  children,
}: {
  part: ClientPart;
  children: ReactNode;
}) {
  return (
    <NextIntlClientProvider messages={await clientMessages(part)}>
      {children}
    </NextIntlClientProvider>
  );
}
