"""Web pages: the article without the page around it, its metadata on the document; bad pages are one line."""

from __future__ import annotations

from kg.ingest.reader import Skipped, Warned, read_documents
from kg.model import page_of
from tests.ingest.helpers import ARTICLE, NOISE, news_page


def read(paths):
    notices = []
    return list(read_documents(paths, notices.append)), notices


def test_a_saved_news_page_gives_its_article_and_metadata(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "r1.html").write_text(news_page(), encoding="utf-8")
    (document,), notices = read([tmp_path])
    assert notices == []
    assert document.id == "news/r1.html"
    assert all(paragraph in document.text for paragraph in ARTICLE)
    assert not any(noise in document.text for noise in NOISE), document.text  # cookies, menu, advert, comments
    assert "Home" not in document.text.split() and "window.dataLayer" not in document.text
    assert (document.title, document.author, document.site) == (
        "DeepSeek releases R1 model", "Jane Smith", "Tech News Daily"
    )
    assert document.date == "2025-01-20"
    assert document.source == "https://technews.example.com/2025/01/deepseek-r1"
    assert page_of(document, 0) is None


def test_htm_and_xhtml_are_pages_too_and_a_page_without_metadata_keeps_its_file_as_source(tmp_path):
    bare = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</article></body></html>"
    (tmp_path / "a.htm").write_text(bare, encoding="utf-8")
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head>'
    (tmp_path / "b.xhtml").write_text(xhtml + bare.removeprefix("<html>"), encoding="utf-8")
    documents, notices = read([tmp_path])
    assert [(d.id, d.date, d.source) for d in documents] == [
        ("a.htm", None, str(tmp_path / "a.htm")), ("b.xhtml", None, str(tmp_path / "b.xhtml"))
    ]
    assert notices == []


def test_a_copyright_year_is_not_taken_for_the_publication_date(tmp_path):
    page = "<html><body><p>Copyright 2019.</p><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE)
    (tmp_path / "a.html").write_text(page + "</article><footer>© 2021</footer></body></html>", encoding="utf-8")
    (document,), _ = read([tmp_path])
    assert document.date is None


def test_malformed_html_is_read_as_far_as_it_holds_text(tmp_path):
    broken = "<html><body><div><p>unclosed <b>" + " ".join(ARTICLE) + "<td></span></article>"
    (tmp_path / "broken.html").write_text(broken, encoding="utf-8")
    (document,), notices = read([tmp_path])
    assert ARTICLE[0] in document.text and notices == []


def test_bad_pages_are_one_line_each(tmp_path):
    (tmp_path / "no-text.html").write_text("<html><body><img src='a.png'><script>track()</script></body></html>")
    (tmp_path / "deep.html").write_text("<div>" * 100_000 + ARTICLE[0], encoding="utf-8")
    (tmp_path / "report.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    (tmp_path / "plain.html").write_text(ARTICLE[0], encoding="utf-8")
    (tmp_path / "empty.htm").write_bytes(b"")
    documents, notices = read([tmp_path])
    assert documents == []
    assert all(isinstance(notice, Skipped) and "\n" not in str(notice) for notice in notices)
    assert sorted(map(str, notices)) == [
        f"{tmp_path / 'deep.html'}: no article text found in the page",
        f"{tmp_path / 'empty.htm'}: not HTML: no tag in its first 8,192 characters",
        f"{tmp_path / 'no-text.html'}: no article text found in the page",
        f"{tmp_path / 'plain.html'}: not HTML: no tag in its first 8,192 characters",
        f"{tmp_path / 'report.html'}: not a web page (PDF document)",
    ]


def test_a_page_in_windows_1252_is_read_with_a_warning(tmp_path):
    (tmp_path / "a.html").write_bytes(
        news_page(paragraphs=(*ARTICLE, "Café owner José Núñez agreed.")).encode("cp1252")
    )
    (document,), notices = read([tmp_path])
    assert "José Núñez" in document.text
    assert [type(n) for n in notices] == [Warned] and "Windows-1252" in notices[0].reason
