/**
 * A news page written the way Indonesian outlets write them: a cookie banner,
 * header menu, breadcrumbs, share bar, an inline "BACA JUGA" box, ads, tags,
 * related and popular lists, comments and a footer around the article.
 */
export function outletPage(story: {
  /** The outlet's own address of the story (canonical). */
  url: string;
  title: string;
  paragraphs: string[];
  site?: string;
  author?: string;
  publishedAt?: string;
}): string {
  const site = story.site ?? "Warta Kita";
  const [first = "", ...rest] = story.paragraphs.map((p) => `<p>${p}</p>`);
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${story.title} - ${site}</title>
<meta property="og:site_name" content="${site}">
<meta property="og:title" content="${story.title}">
<meta property="og:url" content="${story.url}">
<meta name="author" content="${story.author ?? "Redaksi"}">
<meta property="article:published_time" content="${story.publishedAt ?? "2026-12-01T09:00:00+07:00"}">
<link rel="canonical" href="${story.url}">
</head>
<body>
<div class="cookie-banner">Kami memakai cookie untuk pengalaman yang lebih baik. <button>Setuju</button></div>
<header class="site-header"><a href="/">${site}</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/dunia">Dunia</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav></header>
<div class="ads-leaderboard">Advertisement</div>
<main>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/dunia">Dunia</a></li></ol>
<article class="detail">
  <h1>${story.title}</h1>
  <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a> <span>Bagikan</span></div>
  <div class="detail-body">
    ${first}
    <div class="baca-juga"><strong>BACA JUGA</strong><ul><li><a href="/a">Harga Cabai Naik Jelang Akhir Tahun</a></li></ul></div>
    ${rest.join("\n    ")}
    <div class="ads-inline">Iklan</div>
  </div>
  <div class="tags"><span>Tag:</span> <a href="/tag/dunia">dunia</a></div>
</article>
<section class="related-news"><h2>Berita Terkait</h2><ul><li><a href="/c">Bandara Kualanamu Catat Rekor Penumpang</a></li></ul></section>
<section id="comments"><h2>Komentar</h2><p>Belum ada komentar. Jadilah yang pertama berkomentar tentang berita ini.</p></section>
</main>
<aside class="popular"><h3>Terpopuler</h3><ol><li><a href="/e">Lima Kuliner Khas Medan yang Wajib Dicoba</a></li></ol></aside>
<footer><p>Copyright © 2026 ${site}. All rights reserved.</p></footer>
</body>
</html>`;
}
