import { notFound } from "next/navigation";

// Any other address under a language: the localized not-found page, inside the layout.
export default function UnknownPage() {
  notFound();
}
