import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { importCsv } from "@/lib/glossary/exchange";
import { buildMatcher, sourcePatterns } from "@/lib/glossary/matcher";
import { protectTerms } from "@/lib/glossary/placeholders";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { entries, rejected } = importCsv(
  fs.readFileSync(path.join(ROOT, "content", "glossary.csv"), "utf8"),
);
const withIds = entries.map((e, id) => ({ ...e, id }));
const matcher = buildMatcher(sourcePatterns(withIds));

function seedTexts(): string[] {
  const shared = path.resolve(ROOT, "..", "shared", "articles");
  if (fs.existsSync(shared)) {
    const files = fs.readdirSync(shared).filter((f) => f.endsWith(".txt"));
    if (files.length > 0)
      return files.sort().map((f) => fs.readFileSync(path.join(shared, f), "utf8"));
  }
  const content = path.join(ROOT, "content");
  return fs
    .readdirSync(content)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => fs.readFileSync(path.join(content, f), "utf8"));
}

/** Entry (by term) that the matcher assigns to the whole of `text`. */
function entryFor(text: string): string | undefined {
  const [m, ...rest] = matcher.find(text);
  if (!m || rest.length > 0 || m.start !== 0 || m.end !== text.length) return undefined;
  return withIds[m.entryId]?.term;
}

describe("starting glossary (content/glossary.csv)", () => {
  it("imports without rejected rows or conflicting patterns", () => {
    expect(rejected).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(matcher.conflicts).toEqual([]);
  });

  it.each([
    ["Korea Utara", "North Korea"],
    ["Korut", "North Korea"],
    ["Korea Selatan", "South Korea"],
    ["Korsel", "South Korea"],
    ["KCNA", "KCNA"],
    ["KNCA", "KCNA"],
    ["Kantor Berita Pusat Korea", "KCNA"],
    ["Kim Jong Un", "Kim Jong Un"],
    ["Kim Jong-un", "Kim Jong Un"],
    ["Vladimir Putin", "Vladimir Putin"],
    ["Sergei Shoigu", "Sergei Shoigu"],
    ["Rusia", "Russia"],
    ["Pyongyang", "Pyongyang"],
    ["Moskow", "Moscow"],
    ["MOSKOW", "Moscow"],
    ["Vladivostok", "Vladivostok"],
    ["Timur Jauh Rusia", "Russian Far East"],
    ["wilayah timur jauh Rusia", "Russian Far East"],
    ["Politbiro", "Politburo"],
    ["politbiro", "Politburo"],
    ["PBB", "UN"],
    ["Perserikatan Bangsa-Bangsa", "UN"],
    ["DK PBB", "UN Security Council"],
    ["Dewan Keamanan PBB", "UN Security Council"],
    ["Dewan Keamanan (DK) PBB", "UN Security Council"],
    ["Dewan Keamanan Rusia", "Russian Security Council"],
    ["Majelis Umum PBB", "UN General Assembly"],
    ["Majelis Umum Perserikatan Bangsa-Bangsa", "UN General Assembly"],
    ["AS", "United States"],
    ["Amerika Serikat", "United States"],
    ["Ukraina", "Ukraine"],
    ["Seoul", "Seoul"],
    ["Presiden", "President"],
    ["Partai Pekerja", "Workers' Party"],
    ["Kosmodrom Vostochny", "Vostochny Cosmodrome"],
    ["Yoon Suk-Yeol", "Yoon Suk Yeol"],
    ["DPRK", "DPRK"],
    ["Menteri Pertahanan", "Defence Minister"],
    ["Pemimpin Korea Utara", "North Korean leader"],
  ])("renders %s as %s", (source, english) => {
    const term = entryFor(source);
    expect(term, `no single entry matches "${source}"`).toBeDefined();
    expect(entries.find((e) => e.term === term)?.translation).toBe(english);
  });

  it('does not read lowercase "as" as the United States', () => {
    expect(matcher.find("sebagai as roda")).toEqual([]);
  });

  it("gives every entry a short note", () => {
    for (const e of entries) {
      expect(e.note, e.term).not.toBe("");
      expect(e.note.length, e.term).toBeLessThanOrEqual(200);
    }
  });

  it("matches something in the seed articles for almost every entry", () => {
    const texts = seedTexts();
    const seen = new Set<number>();
    for (const t of texts) for (const m of matcher.find(t)) seen.add(m.entryId);
    const unused = withIds.filter((e) => !seen.has(e.id)).map((e) => e.term);
    expect(unused).toEqual([]);
  });

  it("protects a real sentence and restores the agency renderings", () => {
    const source =
      "Pemimpin Korea Utara Kim Jong-un memerintahkan pengembangan hubungan dengan Rusia, ketika Amerika Serikat (AS) dan Korea Selatan (Korsel) memperingatkan.";
    const p = protectTerms(source, matcher.find(source), withIds);
    expect(p.text).toBe(
      "TERM0 TERM1 memerintahkan pengembangan hubungan dengan TERM2, ketika TERM3 dan TERM4 memperingatkan.",
    );
    expect(
      p.restore(
        "TERM0 TERM1 ordered the development of ties with TERM2, as TERM3 and TERM4 warned.",
      ),
    ).toBe(
      "North Korean leader Kim Jong Un ordered the development of ties with Russia, as United States and South Korea warned.",
    );
  });
});
