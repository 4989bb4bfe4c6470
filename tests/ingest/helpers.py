"""Real-looking input files made in the test: a saved news page, a two-column PDF, RSS and Atom feeds, a WARC crawl."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = (
    "DeepSeek released R1 in January. The Chinese start-up said the model matches the best systems from OpenAI.",
    "Nvidia makes the H800 chip, which DeepSeek used to train the model. Liang Wenfeng founded DeepSeek in 2023.",
    "Analysts said the release surprised investors, and Nvidia shares fell sharply on Monday.",
)
NOISE = (
    "Accept all cookies", "Buy the new SuperPhone now", "Most read", "Microsoft will buy DeepSeek",
    "All rights reserved",
)


def news_page(title: str = "DeepSeek releases R1 model", paragraphs: tuple[str, ...] = ARTICLE,
              url: str = "https://technews.example.com/2025/01/deepseek-r1",
              date: str = "2025-01-20T09:30:00+00:00") -> str:
    """A news page as a browser saves it: cookie banner, menu, advert, article, sidebar, comments, footer."""
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Tech News Daily</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Tech News Daily">
<meta name="author" content="Jane Smith"><meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}"><script>window.dataLayer = [];</script><style>nav {{ color: red }}</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies?</p>
<button>Accept</button></div>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/tech">Technology</a></li>
<li><a href="/business">Business</a></li></ul></nav></header>
<div class="advert ad-banner"><a href="https://ads.example.com">Buy the new SuperPhone now! Limited offer.</a></div>
<main><article><h1>{title}</h1><p class="byline">By Jane Smith</p>
{body}</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Apple unveils new iPad</a></li></ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p class="comment-author">reader42</p>\
<p>Great article! Microsoft will buy DeepSeek next year.</p></div>
</section>
<footer><p>Copyright 2025 Tech News Daily. All rights reserved.</p></footer>
</body></html>
"""


LEFT_COLUMN = ("DeepSeek released R1 in January.", "The Chinese start-up said the model", "matches the best systems.",
               "Liang Wenfeng founded DeepSeek.")
RIGHT_COLUMN = ("Nvidia makes the H800 chip.", "Analysts said the release surprised", "investors on Monday.",
                "Microsoft bought Activision.")


def two_column_pdf(*, encrypt: str | None = None, text: bool = True) -> bytes:
    """A two-page PDF: page 1 in two columns drawn line across line (the order pypdf reads), page 2 one line.

    ``encrypt`` sets a user password; ``text=False`` draws only shapes (a scan has no text layer).
    """
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=True)
    page.setTitle("Chip report")
    page.setAuthor("Jane Smith")
    page.setCreator("kg tests")
    width, height = A4
    if not text:
        page.rect(50, 50, 200, 200, fill=1)
    else:
        page.setFont("Helvetica", 11)
        for row, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
            page.drawString(50, height - 80 - 14 * row, left)
            page.drawString(width / 2 + 20, height - 80 - 14 * row, right)
        page.showPage()
        page.setFont("Helvetica", 11)
        page.drawString(50, height - 80, "Apple makes the iPhone.")
    page.showPage()
    page.save()
    return buffer.getvalue().replace(
        b"/CreationDate (D:20000101000000+00'00')", b"/CreationDate (D:20250120093000+01'00')"
    )


def rss_feed() -> str:
    """An RSS 2.0 feed: a full-content item, a summary-only item without guid, an item with no text."""
    return """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Tech News Daily</title><link>https://technews.example.com/</link><description>Technology</description>
<item><title>DeepSeek releases R1</title><link>https://technews.example.com/r1</link>
<guid isPermaLink="false">technews-0001</guid><pubDate>Mon, 20 Jan 2025 09:30:00 GMT</pubDate>
<dc:creator>Jane Smith</dc:creator><description>DeepSeek has a new model.</description>
<content:encoded><![CDATA[<p>DeepSeek released R1 in January.</p><p>Nvidia makes the <b>H800</b> chip &amp; more.</p>
<script>track()</script>]]></content:encoded></item>
<item><title>Microsoft deal</title><link>https://technews.example.com/activision</link>
<pubDate>Tue, 21 Jan 2025 10:00:00 +0100</pubDate>
<description>&lt;p&gt;Microsoft bought Activision in 2023.&lt;/p&gt;</description></item>
<item><title>Photo of the day</title><link>https://technews.example.com/photo</link></item>
</channel></rss>
"""


def atom_feed() -> str:
    """An Atom feed of two entries (ids are Atom ids; dates in RFC 3339)."""
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Chip Weekly</title><id>urn:uuid:feed</id>
<updated>2025-02-01T00:00:00Z</updated>
<entry><title>Apple and TSMC</title><id>urn:uuid:entry-1</id><link href="https://chips.example.org/apple-tsmc"/>
<published>2025-02-01T08:00:00Z</published><updated>2025-02-02T08:00:00Z</updated><author><name>Ann Lee</name></author>
<content type="html">&lt;p&gt;TSMC makes chips for Apple.&lt;/p&gt;</content></entry>
<entry><title>Intel</title><id>urn:uuid:entry-2</id><link href="https://chips.example.org/intel"/>
<updated>2025-02-03T09:00:00+02:00</updated><summary type="text">Intel makes the Xeon chip.</summary></entry>
</feed>
"""


def write_warc(path: Path, pages: dict[str, str], *, gzip: bool = True, extra: bool = True) -> Path:
    """A crawl of ``pages`` (URL -> HTML) as warcio writes it, with a request, a robots.txt and an image among them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        if extra:
            _response(writer, "https://technews.example.com/robots.txt", "text/plain", b"User-agent: *\n")
            _response(writer, "https://technews.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n")
        for url, html in pages.items():
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            _response(writer, url, "text/html; charset=utf-8", html.encode())
    return path


def _response(writer: WARCWriter, url: str, content_type: str, body: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": "2025-03-04T05:06:07Z"},
    )
    writer.write_record(record)
