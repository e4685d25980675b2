import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ArticleFileError,
  MAX_ARTICLE_CHARS,
  newArticleInputSchema,
  parseArticleFile,
  safeParseArticleFile,
  serializeArticleFile,
  slugify,
} from "@/lib/content/article-file";

const CONTENT_DIR = fileURLToPath(new URL("../../content/", import.meta.url));

const BODY =
  "MOSKOW - Presiden Rusia Vladimir Putin telah menerima undangan dari Kim Jong-un untuk mengunjungi Korea Utara.\n\n" +
  "Kim berada di wilayah timur jauh Rusia ketika Putin berupaya memperkuat aliansi.";

function file(frontMatter: string[], body = BODY): string {
  return ["---", ...frontMatter, "---", "", body, ""].join("\n");
}

/** The error a file raises, or a failure when it parses. */
function parseError(raw: string, fileName = "artikel.md"): ArticleFileError {
  const result = safeParseArticleFile(raw, fileName);
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.error;
}

describe("parseArticleFile", () => {
  it("reads every field", () => {
    const article = parseArticleFile(
      file([
        'title: "Putin Terima Undangan Kim"',
        'source: "Kontan"',
        "publishedAt: 2023-09-14",
        "language: id",
        "slug: putin-kim",
      ]),
      "ignored.md",
    );
    expect(article).toEqual({
      slug: "putin-kim",
      title: "Putin Terima Undangan Kim",
      source: "Kontan",
      publishedAt: "2023-09-14",
      language: "id",
      body: BODY,
    });
  });

  it.each([
    ["language defaults to id", ["title: Judul"], "language", "id"],
    ["publishedAt defaults to null", ["title: Judul"], "publishedAt", null],
    ["source defaults to null", ["title: Judul"], "source", null],
    [
      "an empty value counts as not given",
      ["title: Judul", "source: ", "publishedAt: ''"],
      "source",
      null,
    ],
    ["the slug comes from the file name", ["title: Judul"], "slug", "000_9df4d0f23bd6c915"],
    [
      "double quotes with escapes",
      ['title: "Kim: \\"Kerja Sama\\" dengan Rusia"'],
      "title",
      'Kim: "Kerja Sama" dengan Rusia',
    ],
    [
      "single quotes with a doubled quote",
      ["title: 'Kim Jong Un di ''Masa Kejayaan'' Baru'"],
      "title",
      "Kim Jong Un di 'Masa Kejayaan' Baru",
    ],
    [
      "a quoted value holding a colon",
      ['title: "Kim: Rusia Mitra Strategis"'],
      "title",
      "Kim: Rusia Mitra Strategis",
    ],
    ["a value that looks like a number stays text", ["title: 2023"], "title", "2023"],
    [
      "whitespace in the title is normalized",
      ['title: "  Kim   Jong Un  "'],
      "title",
      "Kim Jong Un",
    ],
    [
      "comments and blank lines are ignored",
      ["# seed article", "", "title: Judul"],
      "title",
      "Judul",
    ],
  ] as const)("%s", (_name, frontMatter, field, expected) => {
    const article = parseArticleFile(file([...frontMatter]), "000_9df4d0f23bd6c915.md");
    expect(article[field]).toBe(expected);
  });

  it.each([
    [
      "a file name with spaces and capitals is slugified",
      "content/Kim Jong Un Pulang.md",
      "kim-jong-un-pulang",
    ],
    ["a Windows path", "content\\004_ab1981a0cdc0efb4.md", "004_ab1981a0cdc0efb4"],
    ["a file name without extension", "003_b42bc007d7a7e483", "003_b42bc007d7a7e483"],
  ])("%s", (_name, fileName, slug) => {
    expect(parseArticleFile(file(["title: Judul"]), fileName).slug).toBe(slug);
  });

  it("accepts CRLF line endings and a byte order mark", () => {
    const raw = `\ufeff${file(["title: Judul", "publishedAt: 2023-09-22"]).replace(/\n/g, "\r\n")}`;
    const article = parseArticleFile(raw, "a.md");
    expect(article.publishedAt).toBe("2023-09-22");
    expect(article.body).toBe(BODY);
  });

  it("drops a first paragraph that repeats the title, as the title is shown above the body", () => {
    const raw = file(
      ["title: Politbiro Korea Utara Bahas Langkah Tindak Lanjut"],
      `Politbiro Korea Utara Bahas Langkah Tindak Lanjut\n\n${BODY}`,
    );
    expect(parseArticleFile(raw, "a.md").body).toBe(BODY);
  });

  it("keeps a body that is only the title", () => {
    expect(parseArticleFile(file(["title: Kim kembali"], "Kim kembali"), "a.md").body).toBe(
      "Kim kembali",
    );
  });

  it.each([
    ["no front matter", BODY, /no front matter/],
    ["missing title", file(['source: "Kontan"']), /title: A title is required\./],
    ["blank title", file(['title: "   "']), /title: A title is required\./],
    [
      "date in the wrong format",
      file(["title: Judul", "publishedAt: 22/09/2023"]),
      /publishedAt: .*YYYY-MM-DD \(got "22\/09\/2023"\)/,
    ],
    [
      "impossible date",
      file(["title: Judul", "publishedAt: 2023-02-30"]),
      /publishedAt: .*real date/,
    ],
    ["empty body", file(["title: Judul"], ""), /The article body is empty\./],
    ["whitespace-only body", file(["title: Judul"], " \n\n\t \n"), /The article body is empty\./],
    [
      "binary content (NUL)",
      file(["title: Judul"], "PK\u0003\u0004\u0000\u0000data"),
      /binary data/,
    ],
    [
      "many control characters",
      file(["title: Judul"], `Teks ${"\u0001\u0002".repeat(10)} rusak`),
      /binary data/,
    ],
    [
      "body over 200,000 characters",
      file(["title: Judul"], "a".repeat(MAX_ARTICLE_CHARS + 1)),
      /too long: 200,001 characters, the limit is 200,000/,
    ],
    ["unclosed front matter", "---\ntitle: Judul\n\nKim kembali.", /not closed/],
    [
      "unknown field",
      file(["title: Judul", "author: Rahman"]),
      /Unknown front matter field "author"/,
    ],
    ["duplicate field", file(["title: Judul", "title: Lain"]), /line 3: Map keys must be unique/],
    ["malformed line", file(["title: Judul", "just some text"]), /line 3: Implicit map keys/],
    ["unclosed quote", file(['title: "Judul']), /line 2: Missing closing "quote/],
    [
      "an unquoted value holding a colon",
      file(["title: Kim: Rusia Mitra Strategis"]),
      /line 2: .*put a value that holds ": " in quotes/,
    ],
    ["a title that is a list", file(["title: [a, b]"]), /title: The title must be text\./],
    ["bad slug", file(["title: Judul", "slug: Bukan Slug!"]), /slug: The slug may only hold/],
    [
      "bad language",
      file(["title: Judul", "language: Bahasa Indonesia"]),
      /language: The language must be a language code/,
    ],
  ])("rejects %s with a clear message", (_name, raw, message) => {
    const error = parseError(raw, "rusak.md");
    expect(error).toBeInstanceOf(ArticleFileError);
    expect(error.message).toMatch(/^rusak\.md: /);
    expect(error.message).toMatch(message);
  });

  it("lists every problem at once", () => {
    const error = parseError(file(["publishedAt: kemarin"], ""));
    expect(error.problems).toHaveLength(3);
  });

  it("accepts a body of exactly 200,000 characters", () => {
    expect(
      parseArticleFile(file(["title: Judul"], "a".repeat(MAX_ARTICLE_CHARS)), "a.md").body,
    ).toHaveLength(MAX_ARTICLE_CHARS);
  });

  it("accepts a stray control character in otherwise normal text", () => {
    expect(parseArticleFile(file(["title: Judul"], `${BODY}\u000b`), "a.md").title).toBe("Judul");
  });
});

describe("serializeArticleFile", () => {
  it.each<[Parameters<typeof serializeArticleFile>[0]]>([
    [{ title: "Kim Jong Un Pulang", body: BODY }],
    [
      {
        title: 'Kim: "Kerja Sama" \\ Rusia',
        source: "Kontan",
        publishedAt: "2023-09-20",
        language: "id",
        slug: "kim-pulang",
        body: BODY,
      },
    ],
    [{ title: "Judul", source: null, publishedAt: null, body: `${BODY}\r\n\r\n` }],
  ])("round-trips %j", (article) => {
    const parsed = parseArticleFile(serializeArticleFile(article), "kim-pulang.md");
    expect(parsed).toEqual({
      slug: "kim-pulang",
      title: article.title,
      source: article.source ?? null,
      publishedAt: article.publishedAt ?? null,
      language: "id",
      body: BODY,
    });
  });
});

describe("seed content files", () => {
  it.each([
    [
      "000_9df4d0f23bd6c915",
      "Kim Jong-un Perintahkan Pengembangan Hubungan dengan Rusia Usai Kunjungan",
      "Bisnis.com",
      "2023-09-22",
      "Bisnis.com, JAKARTA - ",
    ],
    [
      "001_cda18cd7148e19f9",
      "Kim Jong Un Janji Perkuat Hubungan dengan Rusia saat Bertemu Sergei Shoigu",
      null,
      "2024-09-14",
      "Pemimpin Korea Utara Kim Jong Un berjanji",
    ],
    [
      "002_e0fdb214c7fbc621",
      "Kim Jong Un Pulang dari Rusia Usai Perdalam Hubungan dengan Putin",
      "Kontan",
      null,
      "Reporter: Barratut Taqiyyah Rafie",
    ],
    [
      "003_b42bc007d7a7e483",
      "Putin Terima Undangan Kim Jong-un untuk Mengunjungi Korea Utara",
      null,
      "2023-09-14",
      "MOSKOW - ",
    ],
    [
      "004_ab1981a0cdc0efb4",
      "Politbiro Korea Utara Bahas Langkah Tindak Lanjut Lawatan Kim Jong Un ke Rusia",
      null,
      "2023-09-22",
      "Pemimpin Korea Utara Kim Jong Un berjabat tangan",
    ],
  ])("%s parses with its metadata", (id, title, source, publishedAt, bodyStart) => {
    const raw = fs.readFileSync(path.join(CONTENT_DIR, `${id}.md`), "utf8");
    const article = parseArticleFile(raw, `${id}.md`);
    expect(article).toMatchObject({ slug: id, title, source, publishedAt, language: "id" });
    expect(article.body.startsWith(bodyStart)).toBe(true);
  });
});

describe("newArticleInput", () => {
  const valid = { title: "Kim Jong Un Pulang", text: BODY };

  it.each([
    ["minimal input", valid, { title: "Kim Jong Un Pulang", text: BODY }],
    [
      "all fields",
      { ...valid, source: " Kontan ", publishedAt: "2023-09-20" },
      { title: "Kim Jong Un Pulang", text: BODY, source: "Kontan", publishedAt: "2023-09-20" },
    ],
    [
      "blank optional fields count as not given",
      { ...valid, source: "  ", publishedAt: "" },
      { title: "Kim Jong Un Pulang", text: BODY },
    ],
    [
      "the title is trimmed",
      { ...valid, title: "  Kim Jong Un Pulang \n" },
      { title: "Kim Jong Un Pulang", text: BODY },
    ],
  ])("accepts %s", (_name, input, expected) => {
    expect(newArticleInputSchema.parse(input)).toEqual(expected);
  });

  it.each([
    ["missing title", { text: BODY }, "title", "A title is required."],
    ["whitespace-only title", { ...valid, title: "   " }, "title", "A title is required."],
    [
      "title too long",
      { ...valid, title: "a".repeat(301) },
      "title",
      "The title is longer than 300 characters.",
    ],
    ["missing text", { title: "Judul" }, "text", "The article text is required."],
    ["empty text", { ...valid, text: "" }, "text", "The article text is empty."],
    ["whitespace-only text", { ...valid, text: " \n\n\t" }, "text", "The article text is empty."],
    [
      "text over 200,000 characters",
      { ...valid, text: "a".repeat(MAX_ARTICLE_CHARS + 1) },
      "text",
      "The article text is too long: 200,001 characters, the limit is 200,000.",
    ],
    [
      "binary text",
      { ...valid, text: "\u0000\u0001ELF" },
      "text",
      "The article text looks like binary data, not text.",
    ],
    ["text that is not a string", { ...valid, text: 42 }, "text", "The article text must be text."],
    [
      "a bad date",
      { ...valid, publishedAt: "20-09-2023" },
      "publishedAt",
      'The publication date must be a real date in the form YYYY-MM-DD (got "20-09-2023").',
    ],
    [
      "an impossible date",
      { ...valid, publishedAt: "2023-13-01" },
      "publishedAt",
      'The publication date must be a real date in the form YYYY-MM-DD (got "2023-13-01").',
    ],
    [
      "a source too long",
      { ...valid, source: "s".repeat(201) },
      "source",
      "The source is longer than 200 characters.",
    ],
  ])("rejects %s", (_name, input, field, message) => {
    const result = newArticleInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toBe(message);
  });
});

describe("slugify", () => {
  it.each([
    [
      "Politbiro Korea Utara Bahas Langkah Tindak Lanjut Lawatan Kim Jong Un ke Rusia",
      "politbiro-korea-utara-bahas-langkah-tindak-lanjut-lawatan-kim-jong-un-ke-rusia",
    ],
    ["Kim Jong-un: “Kerja Sama” dengan Rusia!", "kim-jong-un-kerja-sama-dengan-rusia"],
    [
      "Bertemu Kim Jong Un, Putin Berikan Sarung Tangan & Senapan",
      "bertemu-kim-jong-un-putin-berikan-sarung-tangan-dan-senapan",
    ],
    ["Kunjungan Jum'at ke Pyongyang", "kunjungan-jumat-ke-pyongyang"],
    ["Café Pyongyang Résumé", "cafe-pyongyang-resume"],
    ["  --Rp1,5 triliun untuk DK PBB--  ", "rp1-5-triliun-untuk-dk-pbb"],
    ["“…”", ""],
  ])("%j -> %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("cuts long titles at a word boundary, at most 80 characters", () => {
    const slug = slugify(
      "Korea Utara Bahas Langkah Tindak Lanjut Lawatan Kim Jong Un ke Rusia dalam Pertemuan Formal Pertama Politbiro Partai Pekerja",
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe("korea-utara-bahas-langkah-tindak-lanjut-lawatan-kim-jong-un-ke-rusia-dalam");
    expect(slugify("a".repeat(120))).toHaveLength(80);
  });
});
