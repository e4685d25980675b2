import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "@/lib/content/article-file";
import { stripBoilerplate } from "@/lib/content/boilerplate";
import {
  normalizeWhitespace,
  segmentText,
  splitParagraphs,
  splitSentences,
} from "@/lib/content/segment";

const CONTENT_DIR = fileURLToPath(new URL("../../content/", import.meta.url));

describe("normalizeWhitespace", () => {
  it.each([
    ["collapses runs of spaces", "Rusia  sendiri   merupakan", "Rusia sendiri merupakan"],
    ["turns line breaks and tabs into spaces", "Kim\tJong Un\nberjanji", "Kim Jong Un berjanji"],
    [
      "turns no-break and narrow spaces into spaces",
      "Rp1,5\u00a0triliun\u202fper tahun",
      "Rp1,5 triliun per tahun",
    ],
    [
      "drops zero-width characters and soft hyphens",
      "Pyong\u00adyang\u200b dan\ufeff Seoul",
      "Pyongyang dan Seoul",
    ],
    ["trims", "  DK PBB.  ", "DK PBB."],
    ["keeps an empty string empty", " \n\t ", ""],
  ])("%s", (_name, input, expected) => {
    expect(normalizeWhitespace(input)).toBe(expected);
  });
});

describe("splitParagraphs", () => {
  it.each([
    [
      "one paragraph per line (pasted news text)",
      "Rusia sendiri merupakan anggota tetap DK PBB.\nBaca Juga\nKedua negara disebut serius untuk meningkatkan hubungan.",
      [
        "Rusia sendiri merupakan anggota tetap DK PBB.",
        "Baca Juga",
        "Kedua negara disebut serius untuk meningkatkan hubungan.",
      ],
    ],
    [
      "blank-line separated Markdown, CRLF, extra blank lines",
      "Kim kembali dari Rusia.\r\n\r\n\r\nPada Rabu (20/9), Kim memberi arahan.\r\n",
      ["Kim kembali dari Rusia.", "Pada Rabu (20/9), Kim memberi arahan."],
    ],
    [
      "a line continued in lower case is one paragraph",
      "Kim kembali dari kunjungan kenegaraannya selama seminggu\nke Rusia pada pekan lalu.",
      ["Kim kembali dari kunjungan kenegaraannya selama seminggu ke Rusia pada pekan lalu."],
    ],
    [
      "a sub-heading over a paragraph stays separate",
      "Bawa pulang banyak hadiah\nSebelumnya diberitakan, Kim pulang dengan membawa sejumlah hadiah perpisahan yang luar biasa.",
      [
        "Bawa pulang banyak hadiah",
        "Sebelumnya diberitakan, Kim pulang dengan membawa sejumlah hadiah perpisahan yang luar biasa.",
      ],
    ],
    [
      "hard-wrapped blocks are joined",
      [
        "Pemimpin Korea Utara Kim Jong Un membahas langkah-langkah tindak",
        "lanjut kunjungannya baru-baru ini ke Rusia dalam pertemuan formal pertama",
        "politbiro Partai Pekerja, kata media pemerintah KCNA pada Jumat (22/9).",
        "",
        "Kim kembali dari kunjungan kenegaraannya selama seminggu ke Rusia pada",
        "pekan lalu. Dalam lawatan tersebut, Kim dan Presiden Rusia Vladimir Putin",
        "sepakat untuk meningkatkan kerja sama militer dan ekonomi.",
      ].join("\n"),
      [
        "Pemimpin Korea Utara Kim Jong Un membahas langkah-langkah tindak lanjut kunjungannya baru-baru ini ke Rusia dalam pertemuan formal pertama politbiro Partai Pekerja, kata media pemerintah KCNA pada Jumat (22/9).",
        "Kim kembali dari kunjungan kenegaraannya selama seminggu ke Rusia pada pekan lalu. Dalam lawatan tersebut, Kim dan Presiden Rusia Vladimir Putin sepakat untuk meningkatkan kerja sama militer dan ekonomi.",
      ],
    ],
    ["whitespace-only text has no paragraphs", "  \n \n\t", []],
  ])("%s", (_name, input, expected) => {
    expect(splitParagraphs(input)).toEqual(expected);
  });
});

type Case = [name: string, paragraph: string, expected: string[]];

/** Runs a table of paragraphs through splitSentences; also checks that no character is lost. */
function sentenceTable(cases: Case[]): void {
  it.each(cases)("%s", (_name, paragraph, expected) => {
    const sentences = splitSentences(paragraph);
    expect(sentences).toEqual(expected);
    expect(sentences.join(" ")).toBe(normalizeWhitespace(paragraph));
  });
}

describe("splitSentences", () => {
  describe("acronyms end sentences, abbreviations do not", () => {
    sentenceTable([
      [
        "sentence ending with AS. before a capitalized sentence",
        "Keduanya menyatakan akan bekerja sama dalam masalah pertahanan, sehingga membuat Korea Selatan dan sekutunya AS. Para ahli berspekulasi bahwa Korut dan Rusia membahas kesepakatan transfer senjata.",
        [
          "Keduanya menyatakan akan bekerja sama dalam masalah pertahanan, sehingga membuat Korea Selatan dan sekutunya AS.",
          "Para ahli berspekulasi bahwa Korut dan Rusia membahas kesepakatan transfer senjata.",
        ],
      ],
      [
        "DK PBB. and PBB. end sentences",
        "Rusia sendiri merupakan anggota tetap DK PBB. Berbicara di hadapan Majelis Umum PBB pada Rabu (20/9/2023), Yoon Suk-Yeol mengatakan tindakan itu berbahaya. Resolusi itu disahkan PBB. Rusia mendukungnya.",
        [
          "Rusia sendiri merupakan anggota tetap DK PBB.",
          "Berbicara di hadapan Majelis Umum PBB pada Rabu (20/9/2023), Yoon Suk-Yeol mengatakan tindakan itu berbahaya.",
          "Resolusi itu disahkan PBB.",
          "Rusia mendukungnya.",
        ],
      ],
      [
        "KCNA. and DPRK. end sentences",
        "Hal itu dilaporkan oleh kantor berita KCNA. Kim juga menyampaikan ucapan selamat kepada Putin. Kim mengundang Putin ke DPRK. Putin menerima undangan tersebut.",
        [
          "Hal itu dilaporkan oleh kantor berita KCNA.",
          "Kim juga menyampaikan ucapan selamat kepada Putin.",
          "Kim mengundang Putin ke DPRK.",
          "Putin menerima undangan tersebut.",
        ],
      ],
      [
        "Dr. and Prof. are titles",
        "Menurut Dr. Leif-Eric Easley dan Prof. Kim Young-ho, pertemuan itu cukup jelas. Keduanya mengajar di Seoul.",
        [
          "Menurut Dr. Leif-Eric Easley dan Prof. Kim Young-ho, pertemuan itu cukup jelas.",
          "Keduanya mengajar di Seoul.",
        ],
      ],
      [
        "Jl. and No. are address prefixes",
        "Kedutaan Besar Rusia berada di Jl. H.R. Rasuna Said No. 1-2, Jakarta. Duta besar dipanggil pada hari Selasa.",
        [
          "Kedutaan Besar Rusia berada di Jl. H.R. Rasuna Said No. 1-2, Jakarta.",
          "Duta besar dipanggil pada hari Selasa.",
        ],
      ],
      [
        "H. and St. before names",
        "Menteri Luar Negeri H. Agus Salim pernah berkunjung ke St. Petersburg. Ia bertemu para diplomat.",
        [
          "Menteri Luar Negeri H. Agus Salim pernah berkunjung ke St. Petersburg.",
          "Ia bertemu para diplomat.",
        ],
      ],
      [
        "dll. ends a sentence before a capital, not before lower case",
        "Kim melihat pembom, jet tempur, rudal hipersonik, dll. Ia juga mengunjungi pabrik pesawat. Hadiahnya drone, rompi, dll. yang dikirim dengan kereta.",
        [
          "Kim melihat pembom, jet tempur, rudal hipersonik, dll.",
          "Ia juga mengunjungi pabrik pesawat.",
          "Hadiahnya drone, rompi, dll. yang dikirim dengan kereta.",
        ],
      ],
      [
        "etc. in an English phrase does not swallow the next sentence",
        "Ia menyebut drone, rompi, etc. Kremlin belum mengonfirmasinya.",
        ["Ia menyebut drone, rompi, etc.", "Kremlin belum mengonfirmasinya."],
      ],
      [
        "a month abbreviation before a number",
        "Kim tiba di Vladivostok pada 16 Sept. 2023. Ia bertemu Shoigu.",
        ["Kim tiba di Vladivostok pada 16 Sept. 2023.", "Ia bertemu Shoigu."],
      ],
    ]);
  });

  describe("names and initials", () => {
    sentenceTable([
      [
        "Kim Jong-un with a hyphen",
        "Presiden Rusia Vladimir Putin telah menerima undangan dari Kim Jong-un. Pertemuan itu yang pertama dalam empat tahun.",
        [
          "Presiden Rusia Vladimir Putin telah menerima undangan dari Kim Jong-un.",
          "Pertemuan itu yang pertama dalam empat tahun.",
        ],
      ],
      [
        "single initial J. Smith",
        "Analis J. Smith mengatakan Kim akan memasok amunisi. Pakar lain tidak setuju.",
        ["Analis J. Smith mengatakan Kim akan memasok amunisi.", "Pakar lain tidak setuju."],
      ],
      [
        "dotted initials B.J. Habibie",
        "Kunjungan itu mengingatkan pada lawatan B.J. Habibie ke Moskow. Hubungan kedua negara kemudian membaik.",
        [
          "Kunjungan itu mengingatkan pada lawatan B.J. Habibie ke Moskow.",
          "Hubungan kedua negara kemudian membaik.",
        ],
      ],
      [
        "a letter label such as Grup B. may end a sentence",
        "Korea Utara lolos dari Grup B. Mereka akan bertemu Jepang.",
        ["Korea Utara lolos dari Grup B.", "Mereka akan bertemu Jepang."],
      ],
    ]);
  });

  describe("numbers, dates and times", () => {
    sentenceTable([
      [
        "dates (20/9/2023) and (22/9/2023) inside the sentence",
        "Dalam pertemuan Politbiro pada Rabu (20/9/2023), Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA) pada Jumat (22/9/2023). Dia menggarisbawahi perlunya memperluas kerja sama bilateral di segala bidang.",
        [
          "Dalam pertemuan Politbiro pada Rabu (20/9/2023), Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA) pada Jumat (22/9/2023).",
          "Dia menggarisbawahi perlunya memperluas kerja sama bilateral di segala bidang.",
        ],
      ],
      [
        "short date (14/9) at the end of a sentence",
        "Kim Jong Un berjanji untuk memperkuat hubungan dengan Rusia, menurut laporan media pemerintah pada Sabtu (14/9). Negara-negara Barat menuduh Korea Utara menjual amunisi kepada Rusia.",
        [
          "Kim Jong Un berjanji untuk memperkuat hubungan dengan Rusia, menurut laporan media pemerintah pada Sabtu (14/9).",
          "Negara-negara Barat menuduh Korea Utara menjual amunisi kepada Rusia.",
        ],
      ],
      [
        "times 10.30 and 12.00",
        "Kereta Kim melintasi sungai perbatasan pukul 10.30 waktu setempat. Ia tiba di Pyongyang pukul 12.00. Kerumunan besar menyambutnya.",
        [
          "Kereta Kim melintasi sungai perbatasan pukul 10.30 waktu setempat.",
          "Ia tiba di Pyongyang pukul 12.00.",
          "Kerumunan besar menyambutnya.",
        ],
      ],
      [
        "money and thousands: Rp1,5 triliun, 1.500, Rp. 2.000",
        "Bantuan itu bernilai Rp1,5 triliun dan mencakup 1.500 ton beras. Harga per karung Rp. 2.000. Kremlin belum mengonfirmasinya.",
        [
          "Bantuan itu bernilai Rp1,5 triliun dan mencakup 1.500 ton beras.",
          "Harga per karung Rp. 2.000.",
          "Kremlin belum mengonfirmasinya.",
        ],
      ],
      [
        "year ranges and dates in a sentence",
        "Shoigu menjadi tamu kehormatan pada peringatan 70 tahun gencatan senjata Perang Korea 1950-53, di Pyongyang pada Juli. Ia terakhir kali bertemu Kim pada Juli 2023.",
        [
          "Shoigu menjadi tamu kehormatan pada peringatan 70 tahun gencatan senjata Perang Korea 1950-53, di Pyongyang pada Juli.",
          "Ia terakhir kali bertemu Kim pada Juli 2023.",
        ],
      ],
      [
        "a numbered list marker stays with its item",
        "1. Kim kembali dari Rusia. 2. Putin menerima undangan.",
        ["1. Kim kembali dari Rusia.", "2. Putin menerima undangan."],
      ],
    ]);
  });

  describe("quotations", () => {
    sentenceTable([
      [
        "a sentence ending .” keeps its closing quote",
        "Laporan Conflict Armament Research menunjukkan bahwa “rudal yang diproduksi tahun ini di Korea Utara telah digunakan di Ukraina.” Rusia adalah sekutu lama Korea Utara.",
        [
          "Laporan Conflict Armament Research menunjukkan bahwa “rudal yang diproduksi tahun ini di Korea Utara telah digunakan di Ukraina.”",
          "Rusia adalah sekutu lama Korea Utara.",
        ],
      ],
      [
        'a sentence ending ." keeps its closing quote',
        'Easley menulis, "Ini harus menjadi peringatan bagi semua negara anggota PBB." Kremlin tidak menanggapi.',
        [
          'Easley menulis, "Ini harus menjadi peringatan bagi semua negara anggota PBB."',
          "Kremlin tidak menanggapi.",
        ],
      ],
      [
        "a quotation of two sentences is not split",
        "“Komposisi delegasi Kim menunjukkan bahwa Korea Utara mungkin akan mengirim amunisi ke Rusia dengan imbalan teknologi militer. Pertemuan di pelabuhan antariksa timur Rusia setara dengan Putin mengabaikan Resolusi Dewan Keamanan PBB,” kata Easley dalam komentar emailnya kepada Al Jazeera.",
        [
          "“Komposisi delegasi Kim menunjukkan bahwa Korea Utara mungkin akan mengirim amunisi ke Rusia dengan imbalan teknologi militer. Pertemuan di pelabuhan antariksa timur Rusia setara dengan Putin mengabaikan Resolusi Dewan Keamanan PBB,” kata Easley dalam komentar emailnya kepada Al Jazeera.",
        ],
      ],
      [
        "a straight-quoted quotation of two sentences is not split",
        '"Kami mendesak Rusia dan Korea Utara. Hentikan tindakan terlarang itu," kata menteri tersebut kepada wartawan pada Kamis.',
        [
          '"Kami mendesak Rusia dan Korea Utara. Hentikan tindakan terlarang itu," kata menteri tersebut kepada wartawan pada Kamis.',
        ],
      ],
      [
        "single curly quotes ‘…’ and an apostrophe",
        "Para peserta mengembangkan cara yang ‘praktis. Dan komprehensif’, kata KCNA pada Jum’at. Kim memberi arahan.",
        [
          "Para peserta mengembangkan cara yang ‘praktis. Dan komprehensif’, kata KCNA pada Jum’at.",
          "Kim memberi arahan.",
        ],
      ],
      [
        "a question in quotes followed by a speech verb",
        "“Apakah Rusia akan mengirim teknologi?” tanya seorang analis. Kremlin tidak menjawab.",
        [
          "“Apakah Rusia akan mengirim teknologi?” tanya seorang analis.",
          "Kremlin tidak menjawab.",
        ],
      ],
      [
        "quoted words inside a sentence ending with ”.",
        "Pasangan tersebut disebut sedang melakukan pembicaraan yang “konstruktif” dalam “suasana yang hangat, ramah, dan dapat dipercaya”. Lokasi pasti pertemuan mereka tidak diungkapkan.",
        [
          "Pasangan tersebut disebut sedang melakukan pembicaraan yang “konstruktif” dalam “suasana yang hangat, ramah, dan dapat dipercaya”.",
          "Lokasi pasti pertemuan mereka tidak diungkapkan.",
        ],
      ],
      [
        "an unclosed quotation (continued in the next paragraph) protects nothing",
        "“Kami akan terus bekerja sama. Hubungan ini penting bagi kedua negara.",
        ["“Kami akan terus bekerja sama.", "Hubungan ini penting bagi kedua negara."],
      ],
    ]);
  });

  describe("parentheses, brackets and dash asides", () => {
    sentenceTable([
      [
        "a sentence inside parentheses is not split off",
        "Kim melintasi sungai perbatasan (perjalanan itu memakan waktu enam hari. Kereta berhenti di Khasan) pada Senin pagi. Ia disambut di Pyongyang.",
        [
          "Kim melintasi sungai perbatasan (perjalanan itu memakan waktu enam hari. Kereta berhenti di Khasan) pada Senin pagi.",
          "Ia disambut di Pyongyang.",
        ],
      ],
      [
        "en dash aside – … –",
        "Resolusi tersebut – yang disahkan dengan dukungan Rusia – melarang pengembangan teknologi yang dapat digunakan dalam program rudal balistik Korea Utara. Mereka juga melarang kerja sama ilmiah.",
        [
          "Resolusi tersebut – yang disahkan dengan dukungan Rusia – melarang pengembangan teknologi yang dapat digunakan dalam program rudal balistik Korea Utara.",
          "Mereka juga melarang kerja sama ilmiah.",
        ],
      ],
      [
        "em dash aside holding a question",
        "Kim — siapa yang bisa menghentikannya? — terus memodernisasi persenjataannya. Seoul khawatir.",
        [
          "Kim — siapa yang bisa menghentikannya? — terus memodernisasi persenjataannya.",
          "Seoul khawatir.",
        ],
      ],
      [
        "a single dash is not an aside",
        "Moskow dapat membantu Pyongyang membangun satelit – Kim berpendapat bahwa satelit mata-mata sangat penting. Dua upayanya gagal.",
        [
          "Moskow dapat membantu Pyongyang membangun satelit – Kim berpendapat bahwa satelit mata-mata sangat penting.",
          "Dua upayanya gagal.",
        ],
      ],
      [
        "a photo credit in parentheses stays with its caption",
        "Pemimpin Korea Utara Kim Jong Un berjabat tangan dengan Menteri Pertahanan Rusia Sergei Shoigu, saat ia mengunjungi Vladivostok, Rusia, 16 September 2023. (Foto: KCNA via REUTERS)",
        [
          "Pemimpin Korea Utara Kim Jong Un berjabat tangan dengan Menteri Pertahanan Rusia Sergei Shoigu, saat ia mengunjungi Vladivostok, Rusia, 16 September 2023. (Foto: KCNA via REUTERS)",
        ],
      ],
      [
        "an editor tag [ah] stays with the last sentence",
        "Rusia adalah salah satu dari sedikit negara yang menjalin hubungan persahabatan dengan Pyongyang. Hubungan kedua negara semakin erat sejak perang Ukraina dimulai pada 2022. [ah]",
        [
          "Rusia adalah salah satu dari sedikit negara yang menjalin hubungan persahabatan dengan Pyongyang.",
          "Hubungan kedua negara semakin erat sejak perang Ukraina dimulai pada 2022. [ah]",
        ],
      ],
      [
        "a full sentence in parentheses after a sentence stays a sentence",
        "Kim pulang pada Selasa malam. (Ia menempuh perjalanan enam hari.) Kerumunan besar menyambutnya.",
        [
          "Kim pulang pada Selasa malam.",
          "(Ia menempuh perjalanan enam hari.)",
          "Kerumunan besar menyambutnya.",
        ],
      ],
    ]);
  });

  describe("datelines stay with the first sentence", () => {
    sentenceTable([
      [
        "KONTAN.CO.ID - SEOUL.",
        "KONTAN.CO.ID - SEOUL. Media pemerintah Korea Utara melaporkan, pemimpin Korea Utara Kim Jong Un telah pulang dari perjalanan ke Rusia. Kim disambut di Pyongyang.",
        [
          "KONTAN.CO.ID - SEOUL. Media pemerintah Korea Utara melaporkan, pemimpin Korea Utara Kim Jong Un telah pulang dari perjalanan ke Rusia.",
          "Kim disambut di Pyongyang.",
        ],
      ],
      [
        "Bisnis.com, JAKARTA -",
        "Bisnis.com, JAKARTA - Pemimpin Korea Utara (Korut) Kim Jong-un telah memerintahkan langkah-langkah pengembangan hubungan dengan Rusia. Kunjungan itu berlangsung enam hari.",
        [
          "Bisnis.com, JAKARTA - Pemimpin Korea Utara (Korut) Kim Jong-un telah memerintahkan langkah-langkah pengembangan hubungan dengan Rusia.",
          "Kunjungan itu berlangsung enam hari.",
        ],
      ],
      [
        "MOSKOW -",
        "MOSKOW - Presiden Rusia Vladimir Putin telah menerima undangan dari Kim Jong-un untuk mengunjungi Korea Utara. Keduanya bertemu di Vostochny.",
        [
          "MOSKOW - Presiden Rusia Vladimir Putin telah menerima undangan dari Kim Jong-un untuk mengunjungi Korea Utara.",
          "Keduanya bertemu di Vostochny.",
        ],
      ],
      [
        "a bare city dateline SEOUL.",
        "SEOUL. Wakil Menteri Luar Negeri Korea Selatan Chang Ho-jin memanggil duta besar Rusia. Kulik akan menyampaikan kekhawatiran Seoul.",
        [
          "SEOUL. Wakil Menteri Luar Negeri Korea Selatan Chang Ho-jin memanggil duta besar Rusia.",
          "Kulik akan menyampaikan kekhawatiran Seoul.",
        ],
      ],
    ]);
  });

  describe("ellipsis", () => {
    sentenceTable([
      [
        "an ellipsis followed by lower case continues the sentence",
        "Kim diam sejenak... lalu menerima hadiah itu. Putin tersenyum.",
        ["Kim diam sejenak... lalu menerima hadiah itu.", "Putin tersenyum."],
      ],
      [
        "three dots followed by a capital end the sentence",
        "Semua menunggu jawaban Kremlin... Moskow belum mengonfirmasinya.",
        ["Semua menunggu jawaban Kremlin...", "Moskow belum mengonfirmasinya."],
      ],
      [
        "an ellipsis character followed by a capital ends the sentence",
        "Semua menunggu jawaban Kremlin… Moskow belum mengonfirmasinya.",
        ["Semua menunggu jawaban Kremlin…", "Moskow belum mengonfirmasinya."],
      ],
      [
        "an omission inside a quotation",
        "“Rudal yang diproduksi tahun ini ... telah digunakan di Ukraina,” kata laporan itu. Pyongyang membantahnya.",
        [
          "“Rudal yang diproduksi tahun ini ... telah digunakan di Ukraina,” kata laporan itu.",
          "Pyongyang membantahnya.",
        ],
      ],
    ]);
  });

  it("returns no sentence for an empty paragraph", () => {
    expect(splitSentences("   ")).toEqual([]);
  });
});

describe("segmentText", () => {
  it("drops empty paragraphs and normalizes whitespace", () => {
    expect(segmentText("  Kim  kembali.   Putin menunggu.\n\n\n \nSeoul khawatir.  ")).toEqual([
      ["Kim kembali.", "Putin menunggu."],
      ["Seoul khawatir."],
    ]);
  });
});

// ---------------------------------------------------------------------------
// The seed articles, through the same path as the importer: parse, strip, segment.

function seed(id: string): string[][] {
  const raw = fs.readFileSync(path.join(CONTENT_DIR, `${id}.md`), "utf8");
  return segmentText(stripBoilerplate(parseArticleFile(raw, `${id}.md`).body));
}

const SEEDS: [id: string, paragraphs: number, sentences: number][] = [
  ["000_9df4d0f23bd6c915", 14, 14],
  ["001_cda18cd7148e19f9", 16, 24],
  ["002_e0fdb214c7fbc621", 23, 24],
  ["003_b42bc007d7a7e483", 21, 22],
  ["004_ab1981a0cdc0efb4", 8, 11],
];

function count(text: string, chars: RegExp): number {
  return text.match(chars)?.length ?? 0;
}

describe("seed articles", () => {
  it.each(SEEDS)("%s yields %i paragraphs and %i sentences", (id, paragraphs, sentences) => {
    const result = seed(id);
    expect(result).toHaveLength(paragraphs);
    expect(result.flat()).toHaveLength(sentences);
  });

  it.each(SEEDS)("%s: no sentence is split inside quotes or parentheses", (id) => {
    for (const sentence of seed(id).flat()) {
      expect(count(sentence, /“/g), sentence).toBe(count(sentence, /”/g));
      expect(count(sentence, /‘/g), sentence).toBe(count(sentence, /’/g));
      expect(count(sentence, /"/g) % 2, sentence).toBe(0);
      expect(count(sentence, /\(/g), sentence).toBe(count(sentence, /\)/g));
      expect(count(sentence, /\[/g), sentence).toBe(count(sentence, /\]/g));
      // Every sentence starts like a sentence, never with a fragment.
      expect(sentence, sentence).toMatch(/^[\p{Lu}\p{N}“"‘(]/u);
    }
  });

  it.each(SEEDS)("%s: sentences put back together give the paragraph", (id) => {
    const raw = fs.readFileSync(path.join(CONTENT_DIR, `${id}.md`), "utf8");
    const paragraphs = splitParagraphs(stripBoilerplate(parseArticleFile(raw, `${id}.md`).body));
    expect(seed(id).map((sentences) => sentences.join(" "))).toEqual(paragraphs);
  });

  it.each([
    [
      "000_9df4d0f23bd6c915",
      "Dalam pertemuan Politbiro pada Rabu (20/9/2023), Kim mengatur upaya pengembangan hubungan bilateral dengan mengonsolidasikan hasil kunjungannya ke Rusia, sebagaimana dilaporkan kantor berita Korut (KCNA) pada Jumat (22/9/2023).",
    ],
    [
      "000_9df4d0f23bd6c915",
      "Bisnis.com, JAKARTA - Pemimpin Korea Utara (Korut) Kim Jong-un telah memerintahkan langkah-langkah pengembangan hubungan dengan Rusia setelah kunjungannya baru-baru ini, ketika Amerika Serikat (AS) dan Korea Selatan (Korsel) memperingatkan bahwa kesepakatan apa pun mengenai senjata militer akan membawa konsekuensi tertentu.",
    ],
    ["000_9df4d0f23bd6c915", "Rusia sendiri merupakan anggota tetap DK PBB."],
    [
      "001_cda18cd7148e19f9",
      "Laporan Conflict Armament Research minggu ini menunjukkan melalui analisis puing bahwa “rudal yang diproduksi tahun ini di Korea Utara telah digunakan di Ukraina.”",
    ],
    [
      "002_e0fdb214c7fbc621",
      "KONTAN.CO.ID - SEOUL. Media pemerintah Korea Utara melaporkan, pemimpin Korea Utara Kim Jong Un telah pulang dari perjalanan ke Rusia di mana ia memperdalam “persekutuan dan hubungan persahabatan” dengan Presiden Vladimir Putin.",
    ],
    [
      "003_b42bc007d7a7e483",
      "“Komposisi delegasi Kim menunjukkan bahwa Korea Utara mungkin akan mengirim amunisi ke Rusia dengan imbalan teknologi militer. Pertemuan di pelabuhan antariksa timur Rusia setara dengan Putin mengabaikan Resolusi Dewan Keamanan PBB,” kata Easley dalam komentar emailnya kepada Al Jazeera.",
    ],
    [
      "003_b42bc007d7a7e483",
      "Resolusi tersebut – yang disahkan dengan dukungan Rusia – melarang pengembangan teknologi yang dapat digunakan dalam program rudal balistik Korea Utara.",
    ],
    [
      "004_ab1981a0cdc0efb4",
      "Pemimpin Korea Utara Kim Jong Un berjabat tangan dengan Menteri Pertahanan Rusia Sergei Shoigu, saat ia mengunjungi Vladivostok, Rusia, 16 September 2023. (Foto: KCNA via REUTERS)",
    ],
  ])("%s has the whole sentence %s", (id, sentence) => {
    expect(seed(id).flat()).toContain(sentence);
  });
});
