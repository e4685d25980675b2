import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isBoilerplateLine, stripBoilerplate } from "@/lib/content/boilerplate";

const CONTENT_DIR = fileURLToPath(new URL("../../content/", import.meta.url));

/** The body of a seed file exactly as written, front matter cut off (no other processing). */
function seedBody(id: string): string {
  const raw = fs.readFileSync(path.join(CONTENT_DIR, `${id}.md`), "utf8");
  return raw.replace(/^---\n[\s\S]*?\n---\n/, "");
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

describe("isBoilerplateLine", () => {
  it.each([
    ["Baca Juga"],
    ["Baca Juga: Inilah Sosok Wanita Paling Berbahaya di Dunia Menurut Para Pakar"],
    ["Baca Juga: Kunjungan ke Rusia Berakhir, Kim Jong Un Pulang ke Korea Utara dengan Kereta"],
    ["BACA JUGA: Kim Jong Un dan Rusia Diskusikan Kerja Sama Militer di 'Masa Kejayaan' Baru"],
    ["Baca juga Kim Jong Un Pulang ke Korea Utara"],
    ["Lihat juga: Putin Terima Undangan Kim"],
    ["Simak juga Video: Kim Jong Un Tiba di Vladivostok"],
    ["Comments"],
    ["Komentar (12)"],
    ["Loading…"],
    ["Loading..."],
    ["Cek Berita dan Artikel yang lain di Google News"],
    ["Share"],
    ["Bagikan"],
    ["Bagikan artikel ini:"],
    ["Simak berita dan artikel lainnya di WhatsApp Channel"],
    ["Ikuti kami di Instagram dan Twitter"],
    ["Dapatkan update berita pilihan setiap hari dengan bergabung di Telegram"],
    ["Advertisement"],
    ["ADVERTISEMENT"],
    ["Scroll to continue with content"],
    ["SCROLL TO CONTINUE WITH CONTENT"],
    ["Reporter: Barratut Taqiyyah Rafie | Editor: Barratut Taqiyyah Rafie"],
    ["Penulis: Rahman Asmardika"],
    ["Editor: Barratut Taqiyyah Rafie"],
    ["[ah/gg]"],
  ])("removes %j", (line) => {
    expect(isBoilerplateLine(line)).toBe(true);
  });

  it.each([
    [
      "KONTAN.CO.ID - SEOUL. Media pemerintah Korea Utara melaporkan, pemimpin Korea Utara Kim Jong Un telah pulang dari perjalanan ke Rusia.",
    ],
    [
      "Bisnis.com, JAKARTA - Pemimpin Korea Utara (Korut) Kim Jong-un telah memerintahkan langkah-langkah pengembangan hubungan dengan Rusia.",
    ],
    [
      "MOSKOW - Presiden Rusia Vladimir Putin telah menerima undangan dari Kim Jong-un untuk mengunjungi Korea Utara.",
    ],
    ["Bawa pulang banyak hadiah"],
    ["Politbiro Korea Utara Bahas Langkah Tindak Lanjut Lawatan Kim Jong Un ke Rusia"],
    [
      "Pemimpin Korea Utara Kim Jong Un berjabat tangan dengan Menteri Pertahanan Rusia Sergei Shoigu, saat ia mengunjungi Vladivostok, Rusia, 16 September 2023. (Foto: KCNA via REUTERS)",
    ],
    [
      "“Ini harus menjadi peringatan bagi semua negara anggota PBB lainnya tentang perlunya melipatgandakan upaya dalam menegakkan sanksi terhadap Pyongyang.”",
    ],
    [
      "Dewan Keamanan Rusia mengatakan di situs webnya bahwa pertemuan Shoigu dengan Kim akan “memberikan kontribusi penting bagi implementasi” pakta pertahanan.",
    ],
    [
      "Mengutip CNN yang melansir media pemerintah Rusia, sebelum Kim berangkat dengan kereta lapis baja, seorang gubernur regional Rusia menghadiahkannya lima drone.",
    ],
    ["Kim menyebut editor: sebuah kata yang tidak ia sukai."],
    ["Ia membagikan video itu di YouTube dan Telegram kepada para pendukungnya."],
    [""],
  ])("keeps %j", (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });
});

describe("stripBoilerplate", () => {
  it.each([
    [
      "removes a bare Baca Juga line between one-line paragraphs",
      "Para ahli berspekulasi.\nBaca Juga\nKedua negara disebut serius.",
      "Para ahli berspekulasi.\nKedua negara disebut serius.",
    ],
    [
      "removes a blank-line paragraph without leaving a double gap",
      "KCNA juga mengatakan.\n\nBACA JUGA: Kim Jong Un dan Rusia Diskusikan Kerja Sama Militer\n\nSeoul dan Washington khawatir.",
      "KCNA juga mengatakan.\n\nSeoul dan Washington khawatir.",
    ],
    [
      "removes a trailing editor tag but keeps the sentence",
      "Hubungan kedua negara semakin erat sejak perang Ukraina dimulai pada 2022, yang menyebabkan Rusia menjauh dari Barat. [ah]\nComments\nLoading…",
      "Hubungan kedua negara semakin erat sejak perang Ukraina dimulai pada 2022, yang menyebabkan Rusia menjauh dari Barat.",
    ],
    [
      "removes a closing author credit",
      "Mereka juga melarang kerja sama ilmiah dan teknis apa pun dengan Korea Utara.\n(Rahman Asmardika)",
      "Mereka juga melarang kerja sama ilmiah dan teknis apa pun dengan Korea Utara.",
    ],
    [
      "keeps a parenthesized line that is not the last one",
      "(Rahman Asmardika)\nMereka juga melarang kerja sama ilmiah.",
      "(Rahman Asmardika)\nMereka juga melarang kerja sama ilmiah.",
    ],
    [
      "keeps a bracket that is not an editor tag",
      "Ia menulis “rudal itu [buatan Korea Utara]” dalam laporannya. [sic]",
      "Ia menulis “rudal itu [buatan Korea Utara]” dalam laporannya. [sic]",
    ],
    [
      "normalizes CRLF",
      "Kim kembali.\r\nAdvertisement\r\nPutin menunggu.",
      "Kim kembali.\nPutin menunggu.",
    ],
    [
      "leaves text without boilerplate unchanged",
      "Kim kembali.\n\nPutin menunggu.",
      "Kim kembali.\n\nPutin menunggu.",
    ],
  ])("%s", (_name, input, expected) => {
    expect(stripBoilerplate(input)).toBe(expected);
  });

  // Every piece of boilerplate in the seeds, and nothing else, is removed.
  it.each([
    ["000_9df4d0f23bd6c915", ["Baca Juga"], []],
    ["001_cda18cd7148e19f9", ["Comments", "Loading…"], ["[ah]"]],
    [
      "002_e0fdb214c7fbc621",
      [
        "Reporter: Barratut Taqiyyah Rafie | Editor: Barratut Taqiyyah Rafie",
        "Baca Juga: Inilah Sosok Wanita Paling Berbahaya di Dunia Menurut Para Pakar",
        "Baca Juga: Kunjungan ke Rusia Berakhir, Kim Jong Un Pulang ke Korea Utara dengan Kereta",
        "Baca Juga: 5 Drone Kamikaze Jadi Hadiah Istimewa Rusia untuk Kim Jong Un",
        "Baca Juga: Bertemu Kim Jong Un, Vladimir Putin Memberikan Hadiah Sarung Tangan & Senapan",
        "Cek Berita dan Artikel yang lain di Google News",
      ],
      [],
    ],
    ["003_b42bc007d7a7e483", ["(Rahman Asmardika)"], []],
    [
      "004_ab1981a0cdc0efb4",
      ["BACA JUGA: Kim Jong Un dan Rusia Diskusikan Kerja Sama Militer di 'Masa Kejayaan' Baru"],
      ["[ah/gg]"],
    ],
  ])(
    "%s: removes exactly the boilerplate lines %j and the tags %j",
    (id, removedLines, removedTags) => {
      const before = lines(seedBody(id));
      const after = lines(stripBoilerplate(seedBody(id)));

      // Lines that survive are unchanged except for a trailing editor tag.
      const tagged = before.filter((line) => removedTags.some((tag) => line.endsWith(` ${tag}`)));
      expect(tagged).toHaveLength(removedTags.length);
      const expected = before
        .filter((line) => !removedLines.includes(line))
        .map((line) => {
          const tag = removedTags.find((t) => line.endsWith(` ${t}`));
          return tag ? line.slice(0, -(tag.length + 1)) : line;
        });
      expect(after).toEqual(expected);
      expect(before.length - after.length).toBe(removedLines.length);
    },
  );

  it.each([
    ["002_e0fdb214c7fbc621", "KONTAN.CO.ID - SEOUL. Media pemerintah"],
    ["002_e0fdb214c7fbc621", "Bawa pulang banyak hadiah"],
    ["000_9df4d0f23bd6c915", "Bisnis.com, JAKARTA - Pemimpin Korea Utara"],
    ["003_b42bc007d7a7e483", "MOSKOW - Presiden Rusia"],
    ["004_ab1981a0cdc0efb4", "(Foto: KCNA via REUTERS)"],
    ["003_b42bc007d7a7e483", "“Ini harus menjadi peringatan"],
  ])("%s keeps %j", (id, fragment) => {
    expect(stripBoilerplate(seedBody(id))).toContain(fragment);
  });
});
