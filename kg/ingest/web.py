"""Web pages (``.html``, ``.htm``, ``.xhtml``): the article text and its metadata, with trafilatura.

trafilatura keeps the article and drops menus, adverts, cookie banners, sidebars and (with
``include_comments=False``) the comment section; its metadata gives the title, author,
publication date (from the page's markup only: no guessing from copyright lines), site name
and canonical URL. The same extraction reads the HTML records of a crawl (:mod:`kg.ingest.warc`);
:func:`fragment_text` strips the markup of a feed item (:mod:`kg.ingest.feeds`), which has no page around it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.settings import use_config

from kg.errors import FormatError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import SNIFF_BYTES, DecodedText, binary_signature, decode_text
from kg.ingest.files import InputFile, Located

MARKUP = re.compile(r"<[A-Za-z!?/]")
BLOCK_TAGS = ("address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "h1", "h2", "h3", "h4",
              "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul")
SPACES = re.compile(r"[ \t\u00a0]+")
BLANK_LINES = re.compile(r"\n{3,}")
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")  # they log each page they cannot read
for _name in QUIET_LOGGERS:  # kg reports such a page itself, in one line; logging set up by a caller still sees them
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Article:
    """What a page holds: its article text and the metadata the page states (``None`` where it states none)."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None


def read_web_page(file: InputFile) -> Iterator[Located]:
    """A saved web page as one document: the article text, with the page's title, author, date, site and URL.

    The document keeps the file's name as its id and the page's canonical URL (else the file) as its source.

    Raises:
        FormatError: the file is not HTML, or holds no article text.
    """
    decoded = page_markup(file.read())
    article = extract_article(decoded.text, file.max_bytes)
    if article is None:
        raise FormatError("no article text found in the page")
    located = file.document(
        file.doc_id, DecodedText(article.text, decoded.warnings), title=article.title, date=article.date,
        source=article.url or file.where, author=article.author, site=article.site,
    )
    if located is not None:
        yield located


def page_markup(raw: bytes) -> DecodedText:
    """A page's bytes as text, checked to be markup.

    Raises:
        FormatError: the bytes are another format (a PDF, an image...) or hold no tag at all.
    """
    kind = binary_signature(raw)
    if kind is not None:
        raise FormatError(f"not a web page ({kind})")
    decoded = decode_text(raw)
    if not MARKUP.search(decoded.text[:SNIFF_BYTES]):
        raise FormatError(f"not HTML: no tag in its first {SNIFF_BYTES:,} characters")
    return decoded


def extract_article(markup: str, max_bytes: int, url: str | None = None) -> Article | None:
    """The article in a page's markup and its metadata, or ``None`` when the page holds no article text.

    Examples:
        >>> page = "<html><head><title>R1</title><meta name='author' content='Jane Smith'></head><body>"
        >>> page += "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav><article>"
        >>> page += "<p>DeepSeek released R1 in January, and Nvidia makes the H800 chip it was trained on.</p>" * 3
        >>> article = extract_article(page + "</article><footer>Cookies</footer></body></html>", 10**6)
        >>> article.text.splitlines()[0], article.title, article.author
        ('DeepSeek released R1 in January, and Nvidia makes the H800 chip it was trained on.', 'R1', 'Jane Smith')
    """
    found: Any = trafilatura.bare_extraction(
        markup, url=url, include_comments=False, with_metadata=True, config=_settings(max_bytes),
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None or not (found.text or "").strip():
        return None
    date = normalise_date(found.date) if found.date else None
    return Article(
        found.text, found.title or None, found.author or None, date, found.sitename or None, found.url or url
    )


@cache
def _settings(max_bytes: int) -> Any:
    """trafilatura's settings with kg's size limit (its own default refuses pages over 20 MB)."""
    settings = use_config()
    settings.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    settings.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return settings


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed item's content): tags removed, blocks on their own lines.

    Examples:
        >>> fragment_text("<p>DeepSeek released <b>R1</b>.</p><ul><li>Nvidia &amp; AMD</li></ul><script>x()</script>")
        'DeepSeek released R1.\\nNvidia & AMD'
    """
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
