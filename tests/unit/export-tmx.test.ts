import { describe, it, expect } from "vitest";
import { parseTmx, toTmx, TmxError, type TmxUnit } from "@/lib/export/tmx";
import { parseXml, XmlParseError } from "@/lib/xml/read";

const opts = { creationTool: "Dwibahasa", creationToolVersion: "0.1.0" };

const units: TmxUnit[] = [
  {
    source: `Harga "cabai" <naik> & 'turun' di pasar — kata Ibu Siti.`,
    target: `Prices of "chili" <rise> & 'fall' at the market — says Mrs Siti.`,
    segmentId: 17,
    articleSlug: "harga-cabai-<&>",
    origin: "human",
    changedAt: "2024-05-01T09:30:05.123Z",
  },
  {
    source: "Kafe di Yogyakarta menjual kopi Gayo ☕ seharga Rp25.000 😀",
    target: "A café in Yogyakarta sells Gayo coffee ☕ for Rp25,000 😀",
    segmentId: 18,
    articleSlug: "kopi",
    origin: "machine",
    changedAt: "2024-12-31T23:59:59+07:00",
  },
];

const header =
  '<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="id" datatype="plaintext"/>';
const tu = '<tu><tuv xml:lang="id"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>';
const doc = (inner: string, version = "1.4") =>
  `<?xml version="1.0"?><tmx version="${version}">${inner}</tmx>`;

describe("toTmx", () => {
  const xml = toTmx(units, opts);

  it("names who created and last changed a unit, escaped, and leaves out who is unknown", () => {
    const [first, second] = units as [TmxUnit, TmxUnit];
    const named = toTmx(
      [
        {
          ...first,
          createdAt: "2024-04-30T08:00:00Z",
          createdBy: `Siti "S" & Co`,
          changedBy: "Budi",
        },
        { ...second, createdBy: null, changedBy: null },
      ],
      opts,
    );
    expect(named).toContain(
      '<tu tuid="17" creationdate="20240430T080000Z" creationid="Siti &quot;S&quot; &amp; Co" changedate="20240501T093005Z" changeid="Budi">',
    );
    expect(named).toContain('<tu tuid="18" changedate="20241231T165959Z">');
    expect(parseTmx(named).map((u) => u.tuid)).toEqual(["17", "18"]);
  });

  it("writes a TMX 1.4 document with the required header", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')).toBe(
      true,
    );
    expect(xml).toContain(
      '<header creationtool="Dwibahasa" creationtoolversion="0.1.0" segtype="sentence" o-tmf="Dwibahasa" adminlang="en" srclang="id" datatype="plaintext"/>',
    );
    expect(xml).toContain('<tu tuid="17" changedate="20240501T093005Z">');
    // Converted to UTC.
    expect(xml).toContain('<tu tuid="18" changedate="20241231T165959Z">');
    expect(xml).toContain('<prop type="x-article">harga-cabai-&lt;&amp;&gt;</prop>');
    expect(xml).toContain(
      '<tuv xml:lang="id">\n        <seg>Harga &quot;cabai&quot; &lt;naik&gt; &amp; &apos;turun&apos;',
    );
    expect(parseXml(xml).name).toBe("tmx");
  });

  it("round-trips special and non-ASCII characters", () => {
    const back = parseTmx(xml);
    expect(back).toEqual([
      {
        source: units[0]!.source,
        target: units[0]!.target,
        tuid: "17",
        props: { "x-article": "harga-cabai-<&>", "x-origin": "human" },
        changedAt: "2024-05-01T09:30:05.000Z",
      },
      {
        source: units[1]!.source,
        target: units[1]!.target,
        tuid: "18",
        props: { "x-article": "kopi", "x-origin": "machine" },
        changedAt: "2024-12-31T16:59:59.000Z",
      },
    ]);
  });

  it("removes control characters that XML 1.0 forbids and keeps tabs and line breaks", () => {
    const dirty = toTmx(
      [
        {
          ...units[0]!,
          source: "a\u0000b\u0007c\u001Fd\uFFFEe\tf\ng",
          target: "x\u000By\u000Cz\r\n",
        },
      ],
      { creationTool: "Dwi\u0001bahasa", creationToolVersion: "1" },
    );
    expect(dirty).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]/);
    const [unit] = parseTmx(dirty);
    expect(unit?.source).toBe("abcde\tf\ng");
    expect(unit?.target).toBe("xyz\r\n");
    expect(dirty).toContain('creationtool="Dwibahasa"');
  });

  it("gives a segment exported twice distinct tuids", () => {
    const xml2 = toTmx([units[0]!, units[0]!], opts);
    expect(parseTmx(xml2).map((u) => u.tuid)).toEqual(["17", "17-2"]);
  });

  it("rejects an invalid date", () => {
    expect(() => toTmx([{ ...units[0]!, changedAt: "yesterday" }], opts)).toThrow(/Segment 17/);
  });

  it("writes an empty body for no units", () => {
    expect(parseTmx(toTmx([], opts))).toEqual([]);
  });
});

describe("parseTmx", () => {
  it("reads files written by other tools: single quotes, comments, entities, inline codes, region subtags", () => {
    const xml = `<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<!-- exported elsewhere -->
<tmx version='1.4'>
  <header creationtool='Other' creationtoolversion='2' segtype='sentence' o-tmf='other' adminlang='en-US' srclang='id-ID' datatype='html'>
    <note>header note</note>
  </header>
  <body>
    <tu tuid='a1'>
      <note>reviewed</note>
      <tuv xml:lang='en-GB'><seg>Tom &amp; Jerry &#x263A; &#233;<bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang='ID-id'><seg><![CDATA[Tom & Jerry <3>]]></seg></tuv>
      <tuv xml:lang='fr'><seg>Tom et Jerry</seg></tuv>
    </tu>
  </body>
</tmx>`;
    expect(parseTmx(xml)).toEqual([
      {
        source: "Tom & Jerry <3>",
        target: "Tom & Jerry ☺ ébold",
        tuid: "a1",
        props: {},
        changedAt: null,
      },
    ]);
  });

  it("rejects malformed XML", () => {
    for (const bad of [
      "",
      "<tmx version='1.4'>",
      doc(`${header}<body>${tu}</bod>`),
      "<tmx version='1.4' a='1' a='2'/>",
      doc(`${header}<body><tu>&nbsp;</tu></body>`),
    ]) {
      let error: unknown;
      try {
        parseTmx(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TmxError);
      expect((error as Error).message).toMatch(
        /^Invalid TMX: malformed XML: .*\(line \d+, column \d+\)$/,
      );
      expect((error as Error).cause).toBeInstanceOf(XmlParseError);
    }
  });

  it("rejects a wrong root or version", () => {
    expect(() => parseTmx('<xliff version="1.2"/>')).toThrow(
      "Invalid TMX: the root element is <xliff>, expected <tmx>",
    );
    expect(() => parseTmx(doc(`${header}<body/>`, "1.1"))).toThrow(
      'unsupported version "1.1", expected 1.4',
    );
    expect(() => parseTmx(`<tmx>${header}<body/></tmx>`)).toThrow("<tmx> has no version attribute");
  });

  it("names missing header attributes", () => {
    const noSrc = header.replace(' srclang="id"', "").replace(' segtype="sentence"', "");
    expect(() => parseTmx(doc(`${noSrc}<body/>`))).toThrow(
      "<header> is missing required attributes segtype, srclang",
    );
    const noTool = header.replace(' creationtoolversion="1"', "");
    expect(() => parseTmx(doc(`${noTool}<body/>`))).toThrow(
      "<header> is missing required attribute creationtoolversion",
    );
    expect(() => parseTmx(doc(`${header.replace('"sentence"', '"word"')}<body/>`))).toThrow(
      'segtype "word"',
    );
  });

  it("requires a header and a body", () => {
    expect(() => parseTmx(doc("<body/>"))).toThrow("exactly one <header> followed by one <body>");
    expect(() => parseTmx(doc(header))).toThrow("exactly one <header> followed by one <body>");
    expect(() => parseTmx(doc(`${header}<body/>stray`))).toThrow('<tmx>: unexpected text "stray"');
  });

  it("checks each tu", () => {
    const one = '<tu tuid="7"><tuv xml:lang="id"><seg>a</seg></tuv></tu>';
    expect(() => parseTmx(doc(`${header}<body>${tu}${one}</body>`))).toThrow(
      '<tu> #2 (tuid "7"): needs at least two <tuv>, found 1',
    );
    const noLang = '<tu><tuv xml:lang="id"><seg>a</seg></tuv><tuv><seg>b</seg></tuv></tu>';
    expect(() => parseTmx(doc(`${header}<body>${noLang}</body>`))).toThrow(
      "<tu> #1: <tuv> #2 has no xml:lang attribute",
    );
    const twoSegs =
      '<tu><tuv xml:lang="id"><seg>a</seg><seg>c</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>';
    expect(() => parseTmx(doc(`${header}<body>${twoSegs}</body>`))).toThrow(
      '<tuv xml:lang="id"> must contain exactly one <seg>, found 2',
    );
    const noSeg = '<tu><tuv xml:lang="id"></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>';
    expect(() => parseTmx(doc(`${header}<body>${noSeg}</body>`))).toThrow("found 0");
    const noEn =
      '<tu><tuv xml:lang="id"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu>';
    expect(() => parseTmx(doc(`${header}<body>${noEn}</body>`))).toThrow(
      'no <tuv> in the target language "en"',
    );
    expect(() => parseTmx(doc(`${header}<body><tuv/></body>`))).toThrow(
      "<body>: unexpected element <tuv>",
    );
  });
});
