import { describe, it, expect } from "vitest";
import {
  GlossaryFormatError,
  detectFormat,
  exportCsv,
  exportTbx,
  formatCsv,
  importCsv,
  importTbx,
  parseCsv,
} from "@/lib/glossary/exchange";
import type { GlossaryEntryInput } from "@/lib/glossary/types";
import { XmlParseError, parseXml, textContent } from "@/lib/xml/read";

const ENTRIES: GlossaryEntryInput[] = [
  {
    term: "PBB",
    translation: "UN",
    aliases: ["Perserikatan Bangsa-Bangsa"],
    category: "organization",
    note: 'United Nations, "UN" as noun and adjective',
  },
  {
    term: "Dewan Keamanan PBB",
    translation: "UN Security Council",
    aliases: ["DK PBB", "Dewan Keamanan (DK) PBB"],
    category: "organization",
    note: "Line one\nline two, with a comma\r\nand a CRLF",
  },
  {
    term: "Partai Pekerja",
    translation: "Workers' Party",
    aliases: [],
    category: "organization",
    note: "Tags <b> & entities &amp; ]]> and \"quotes\" 'apos'",
  },
  {
    term: "Kim Jong Un",
    translation: "Kim Jong Un",
    aliases: ["Kim Jong-un"],
    category: "person",
    note: "",
  },
  {
    term: "Seni & Budaya <Kota>",
    translation: 'Arts & Culture "City"',
    aliases: ["S&B"],
    category: "phrase",
    note: "  tab\there  ",
  },
];
// The note above is trimmed by validation, so that is what comes back.
const EXPECTED = ENTRIES.map((e) => ({ ...e, note: e.note.trim() }));

describe("CSV parser (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const csv = 'a,"b,c","say ""hi""","multi\r\nline"\r\nx,,"",y\n';
    expect(parseCsv(csv).map((r) => r.fields)).toEqual([
      ["a", "b,c", 'say "hi"', "multi\r\nline"],
      ["x", "", "", "y"],
    ]);
  });

  it("reports the line each record starts on", () => {
    const records = parseCsv('h1,h2\n"a\nb",c\nd,e');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("accepts LF, CRLF, CR and a missing final line break; ignores a BOM", () => {
    expect(parseCsv("\uFEFFa,b\rc,d").map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv("")).toEqual([]);
  });

  it("rejects an unterminated quote with its line", () => {
    expect(() => parseCsv('a,b\n"open,x\ny')).toThrow(/CSV: Quote Not Closed.*\(line 3\)/);
  });

  it("rejects stray quotes with their line", () => {
    expect(() => parseCsv('a,b\nc,d"e')).toThrow(GlossaryFormatError);
    expect(() => parseCsv('a,b\n"a"b,c')).toThrow(/Invalid Closing Quote.*\(line 2\)/);
  });

  it("writes only the quotes it needs", () => {
    expect(formatCsv([["plain", "a,b", 'q"q', "l\nl", " pad "]])).toBe(
      'plain,"a,b","q""q","l\nl"," pad "\r\n',
    );
  });
});

describe("CSV import/export", () => {
  it("round-trips entries, including commas, quotes, newlines and <&>", () => {
    const csv = exportCsv(ENTRIES);
    expect(csv.startsWith("term,translation,aliases,category,note\r\n")).toBe(true);
    const result = importCsv(csv);
    expect(result.rejected).toEqual([]);
    expect(result.entries).toEqual(EXPECTED);
  });

  it("joins aliases with |", () => {
    expect(exportCsv([ENTRIES[1]!])).toContain(",DK PBB|Dewan Keamanan (DK) PBB,");
  });

  it("rejects invalid rows with a reason naming the row and field", () => {
    const csv = [
      "term,translation,aliases,category,note",
      "Rusia,Russia,,place,",
      ",Nothing,,place,",
      "Ukraina,Ukraine,,country,",
      "Seoul,Seoul,Seoul,place,",
      "Korea Utara,North Korea,Korut|Korut,place,",
      "a,b,c,place,note,extra",
      "",
      `${"x".repeat(201)},too long,,phrase,`,
    ].join("\n");
    const { entries, rejected } = importCsv(csv);
    expect(entries.map((e) => e.term)).toEqual(["Rusia"]);
    expect(rejected.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 9]);
    const reason = (row: number) => rejected.find((r) => r.row === row)?.reason;
    expect(reason(3)).toMatch(/^term: Term must not be empty/);
    expect(reason(4)).toMatch(
      /category: Category must be one of organization, person, place, title, acronym, phrase \(got "country"\)/,
    );
    expect(reason(5)).toMatch(/aliases\[0\]: Alias "Seoul" is the same as the term/);
    expect(reason(6)).toMatch(/aliases\[1\]: Alias "Korut" is listed twice/);
    expect(reason(7)).toMatch(/6 fields but the header has 5/);
    expect(reason(9)).toMatch(/Term must be at most 200 characters/);
  });

  it("rejects a later row that reuses a term or alias, naming the first", () => {
    const csv = [
      "term,translation,aliases,category,note",
      "Korea Utara,North Korea,Korut,place,",
      "korea utara,North Korea (dup),,place,",
      "Korea Utara Raya,Greater North Korea,KORUT,place,",
      "DPRK,DPRK,Korut,acronym,",
      "Kim Jong Un,Kim Jong Un,,person,",
      "Kim Jong-un,Kim Jong Un,,person,",
      "AS,US,,place,",
      "as,as,,phrase,",
    ].join("\r\n");
    const { entries, rejected } = importCsv(csv);
    // "KORUT" and "AS" are acronym patterns (capitals only), distinct from "Korut" and "as".
    expect(entries.map((e) => e.term)).toEqual([
      "Korea Utara",
      "Korea Utara Raya",
      "Kim Jong Un",
      "AS",
      "as",
    ]);
    expect(rejected).toEqual([
      { row: 3, reason: '"korea utara" is already used as the term of row 2 as "Korea Utara"' },
      { row: 5, reason: '"Korut" is already used as an alias of row 2 (term "Korea Utara")' },
      { row: 7, reason: '"Kim Jong-un" is already used as the term of row 6 as "Kim Jong Un"' },
    ]);
  });

  it("accepts columns in any order, missing trailing cells and category case", () => {
    const { entries, rejected } = importCsv(
      "Category,Term,Translation\nPLACE,Rusia,Russia\nplace,Ukraina,Ukraine",
    );
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      { term: "Rusia", translation: "Russia", aliases: [], category: "place", note: "" },
      { term: "Ukraina", translation: "Ukraine", aliases: [], category: "place", note: "" },
    ]);
  });

  it("fails the whole file when the header or syntax is wrong", () => {
    expect(() => importCsv("")).toThrow(/Empty CSV/);
    expect(() => importCsv("term,aliases\nRusia,")).toThrow(/lacks "translation", "category"/);
    expect(() => importCsv('term,translation,category\n"Rusia,Russia,place')).toThrow(
      /Quote Not Closed/,
    );
  });
});

describe("TBX export", () => {
  const tbx = exportTbx(ENTRIES.map((e, i) => ({ ...e, id: i + 1 })));

  it("writes TBX-Basic structure", () => {
    expect(tbx).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<martif type="TBX-Basic" xml:lang="id">/,
    );
    expect(tbx).toContain('<termEntry id="t-1">');
    expect(tbx).toContain('<descrip type="subjectField">organization</descrip>');
    expect(tbx).toContain('<langSet xml:lang="id">');
    expect(tbx).toContain('<langSet xml:lang="en">');
    expect(tbx).toContain(
      '<term>PBB</term>\n            <termNote type="termType">acronym</termNote>',
    );
    expect(tbx).toContain(
      '<term>Perserikatan Bangsa-Bangsa</term>\n            <termNote type="termType">fullForm</termNote>',
    );
    expect(tbx).toContain(
      '<term>Kim Jong-un</term>\n            <termNote type="termType">variant</termNote>',
    );
  });

  it("escapes markup characters", () => {
    expect(tbx).toContain("<term>Seni &amp; Budaya &lt;Kota&gt;</term>");
    expect(tbx).toContain(
      "<note>Tags &lt;b&gt; &amp; entities &amp;amp; ]]&gt; and &quot;quotes&quot; &apos;apos&apos;</note>",
    );
    expect(tbx).toContain("line two, with a comma&#13;\nand a CRLF");
    expect(tbx).not.toMatch(/<b>/);
  });

  it("produces unique element ids", () => {
    const out = exportTbx([
      { ...ENTRIES[0]!, id: "a b" },
      { ...ENTRIES[3]!, id: "a_b" },
    ]);
    expect(out.match(/termEntry id="[^"]+"/g)).toEqual([
      'termEntry id="t-a_b"',
      'termEntry id="t-a_b_2"',
    ]);
  });
});

describe("TBX import", () => {
  it("round-trips entries, including commas, quotes, newlines and <&>", () => {
    const result = importTbx(exportTbx(ENTRIES));
    expect(result.rejected).toEqual([]);
    expect(result.entries).toEqual(EXPECTED);
  });

  it("reads TBX written by other tools: CDATA, comments, DOCTYPE, preferred term not first", () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd" [ <!ENTITY x "y"> ]>
<!-- exported elsewhere -->
<martif type="TBX-Basic" xml:lang="id-ID">
  <text><body>
    <termEntry id="c1">
      <descripGrp><descrip type="subjectField">Place</descrip></descripGrp>
      <note>Ibu kota &#x2192; capital</note>
      <langSet xml:lang="in">
        <tig><term>Moskwa</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        <tig><term><![CDATA[Moskow]]></term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en-GB"><ntig><termGrp><term>Moscow</term></termGrp></ntig></langSet>
    </termEntry>
  </body></text>
</martif>`;
    expect(importTbx(xml)).toEqual({
      entries: [
        {
          term: "Moskow",
          translation: "Moscow",
          aliases: ["Moskwa"],
          category: "place",
          note: "Ibu kota → capital",
        },
      ],
      rejected: [],
    });
  });

  it("rejects entries with reasons and detects duplicates across entries", () => {
    const entry = (id: string, body: string) => `<termEntry id="${id}">${body}</termEntry>`;
    const lang = (l: string, ...terms: string[]) =>
      `<langSet xml:lang="${l}">${terms.map((t) => `<tig><term>${t}</term></tig>`).join("")}</langSet>`;
    const subject = (c: string) => `<descrip type="subjectField">${c}</descrip>`;
    const xml = `<martif type="TBX-Basic"><text><body>
      ${entry("a", subject("place") + lang("id", "Korea Utara", "Korut") + lang("en", "North Korea"))}
      ${entry("b", subject("place") + lang("en", "Nowhere"))}
      ${entry("c", subject("place") + lang("id", "Pyongyang"))}
      ${entry("d", lang("id", "Seoul") + lang("en", "Seoul"))}
      ${entry("e", subject("place") + lang("id", "DPRK", "korut") + lang("en", "DPRK"))}
      ${entry("f", subject("place") + lang("id", "Rusia") + lang("en", "Russia"))}
    </body></text></martif>`;
    const { entries, rejected } = importTbx(xml);
    expect(entries.map((e) => e.term)).toEqual(["Korea Utara", "Rusia"]);
    expect(rejected).toEqual([
      { row: 2, reason: 'termEntry "b": no Indonesian (xml:lang="id") term' },
      { row: 3, reason: 'termEntry "c": no English (xml:lang="en") translation' },
      {
        row: 4,
        reason: expect.stringMatching(/^termEntry "d": category: Category must be one of/),
      },
      {
        row: 5,
        reason:
          'termEntry "e": "korut" is already used as an alias of row 1 (term "Korea Utara") as "Korut"',
      },
    ]);
  });

  it.each([
    ["an unclosed element", "<martif><text><body>", /Malformed XML: Unclosed element <body>/],
    [
      "mismatched tags",
      "<martif>\n<text></body></martif>",
      /Expected closing tag 'text' \(opened in line 2, col 1\) instead of closing tag 'body' \(line 2, column 7\)/,
    ],
    ["a bare ampersand", "<martif><text>A & B</text></martif>", /Char '&' is not expected/],
    ["an unknown entity", "<martif><note>&nbsp;</note></martif>", /Unknown entity &nbsp;/],
    ["an unquoted attribute", "<martif type=TBX></martif>", /Attribute 'type' is without value/],
    ["a duplicate attribute", '<martif a="1" a="2"></martif>', /Attribute 'a' is repeated/],
    ["two roots", "<martif></martif><martif></martif>", /Multiple possible root nodes/],
    ["text after the root", "<martif></martif>junk", /Extra text at the end/],
    ["an empty document", "   ", /no root element/],
    ["an unterminated comment", "<martif><!-- x </martif>", /Unclosed tag 'martif'/],
    ["a bad character reference", "<martif>&#0;</martif>", /Malformed character entity/],
    [
      'a "<" in an attribute',
      '<martif a="<"></martif>',
      /Disallowed character \(line 1, column 12\)/,
    ],
    [
      "an entity declared in the DOCTYPE (not expanded)",
      '<!DOCTYPE martif [<!ENTITY x "y">]>\n<martif>&x;</martif>',
      /Unknown entity &x;.*not expanded\) \(line 2, column 11\)/,
    ],
    [
      "an entity bomb",
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<martif>&lol3;</martif>',
      /Unknown entity &lol3;/,
    ],
    [
      "an external entity",
      '<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><martif>&xxe;</martif>',
      /Unknown entity &xxe;/,
    ],
  ])("rejects malformed XML: %s", (_name, xml, message) => {
    expect(() => importTbx(xml)).toThrow(GlossaryFormatError);
    expect(() => importTbx(xml)).toThrow(message);
  });

  it("reports the line and column of malformed XML, with the XML error as cause", () => {
    let error: unknown;
    try {
      importTbx("<martif>\n  <text>A & B</text>\n</martif>");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GlossaryFormatError);
    const e = error as GlossaryFormatError;
    expect([e.line, e.column]).toEqual([2, 11]);
    expect(e.message).toBe("Malformed XML: Char '&' is not expected (line 2, column 11)");
    expect(e.cause).toBeInstanceOf(XmlParseError);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "rejects the unknown entity &%s; instead of decoding it from Object.prototype",
    (name) => {
      const tbx = (text: string, attr = "x") => `<martif type="TBX-Basic" a="${attr}"><text><body>
        <termEntry id="e1"><descrip type="subjectField">place</descrip><note>${text}</note>
          <langSet xml:lang="id"><tig><term>Rusia</term></tig></langSet>
          <langSet xml:lang="en"><tig><term>Russia</term></tig></langSet>
        </termEntry></body></text></martif>`;
      for (const xml of [tbx(`&${name};`), tbx("x", `&${name};`)]) {
        let result: unknown;
        let error: unknown;
        try {
          result = importTbx(xml);
        } catch (e) {
          error = e;
        }
        expect(JSON.stringify(result ?? "")).not.toMatch(/function|native code/);
        expect(error).toBeInstanceOf(GlossaryFormatError);
        expect((error as Error).message).toContain(`Unknown entity &${name};`);
      }
    },
  );

  it("rejects well-formed XML that is not TBX", () => {
    expect(() => importTbx("<html><body/></html>")).toThrow(
      /Not a TBX file: the root element is <html>/,
    );
  });

  it("returns nothing for a TBX without entries", () => {
    expect(importTbx('<martif type="TBX-Basic"><text><body/></text></martif>')).toEqual({
      entries: [],
      rejected: [],
    });
  });
});

describe("XML reader used for TBX (lib/xml/read)", () => {
  it("decodes entities, keeps CR from &#13; and normalizes literal CRLF", () => {
    const root = parseXml('<a x="1 &amp; 2">l1\r\nl2&#13;&lt;&#65;&#x42;&apos;</a>');
    expect(root.attrs.x).toBe("1 & 2");
    expect(textContent(root)).toBe("l1\nl2\r<AB'");
  });
});

describe("format detection", () => {
  it("uses the file name, then the content", () => {
    expect(detectFormat("g.tbx", "")).toBe("tbx");
    expect(detectFormat("g.CSV", "<x>")).toBe("csv");
    expect(detectFormat("upload", '\uFEFF  <?xml version="1.0"?>')).toBe("tbx");
    expect(detectFormat("upload", "term,translation")).toBe("csv");
  });
});
