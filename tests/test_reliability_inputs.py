"""Hostile inputs: every bad file is reported in one line naming it, and the others still build.

Each case of docs/reliability.md ("Inputs") is a test here. Most read through
:func:`kg.ingest.reader.read_documents`; CLI tests use a blank spaCy pipeline (``blank_pipeline``)
except the one end-to-end build with the real model.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import signal
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.reader import MAX_DOCUMENT_CHARS, MAX_FILE_BYTES, Skipped, Warned, count_documents, read_documents
from tests.helpers import SEEDS

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
NEWS = "Nvidia makes the H800 chip. DeepSeek released R1 in January.\n"


def read(paths):
    """The documents and the notices of reading ``paths``."""
    notices = []
    documents = list(read_documents(paths, notices.append))
    return documents, notices


def only_notice(notices, kind=Skipped):
    assert len(notices) == 1, notices
    (notice,) = notices
    assert isinstance(notice, kind), notice
    assert "\n" not in str(notice)
    return notice


# ---------------------------------------------------------------- empty and binary


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty document"),
        (b" \n\t\r\n  \n", "empty document (whitespace only)"),
        (codecs.BOM_UTF8, "empty document"),
        (PNG, "not text (PNG image)"),
        (PDF, "not text (PDF document)"),
        (gzip.compress(NEWS.encode() * 20, mtime=0), "not text (gzip archive)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "not text (JPEG image)"),
        (random.Random(7).randbytes(4096), "not text (binary content)"),
        (b"\x01\x02\x03\x04binary\x05\x06\x07" * 50, "not text (binary content)"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "pdf", "gzip", "jpeg", "random-bytes", "control-bytes"],
)
def test_unreadable_content_is_skipped_with_the_file_named(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(NEWS, encoding="utf-8")
    documents, notices = read([tmp_path])
    assert [d.id for d in documents] == ["good.txt"]
    assert str(only_notice(notices)) == f"{tmp_path / 'bad.txt'}: {reason}"


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32"], ids=lambda e: e
)
def test_text_with_a_byte_order_mark_decodes_silently(tmp_path, encoding):
    text = "Zoë Müller met 李明 in Zürich — “quoted”.\n"
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        raw = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + text.encode(codec)
    else:
        raw = text.encode(encoding)
    (tmp_path / "a.txt").write_bytes(raw)
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == text and notices == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_with_a_warning(tmp_path, codec):
    text = "Nvidia makes the H800 chip; Zoë Müller reports from Zürich.\n" * 3
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == text
    notice = only_notice(notices, Warned)
    assert notice.where == str(tmp_path / "a.txt") and codec.upper() in notice.reason


def test_latin1_and_cp1252_text_is_decoded_with_a_warning(tmp_path):
    text = "Café owner José Núñez said “Nvidia’s chips” cost €500.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == text
    notice = only_notice(notices, Warned)
    assert notice.where == str(tmp_path / "a.txt")
    assert notice.reason == "not UTF-8 (byte 0xE9 at offset 3): decoded as Windows-1252"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    sentence = "Señor Núñez said hello to the people of Zürich and Córdoba. "
    (tmp_path / "a.txt").write_bytes(sentence.encode("latin-1") + b"\x81" + sentence.encode("latin-1"))
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == sentence + "\x81" + sentence
    assert only_notice(notices, Warned).reason.endswith("decoded as Latin-1")


def test_mostly_utf8_with_a_bad_byte_keeps_the_utf8_and_marks_the_byte(tmp_path):
    (tmp_path / "a.txt").write_bytes("Zoë Müller — “Zürich” ".encode() + b"\xff" + " naïve.\n".encode())
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == "Zoë Müller — “Zürich” \ufffd naïve.\n"
    assert "1 bad bytes replaced by U+FFFD" in only_notice(notices, Warned).reason


def test_crlf_and_lone_cr_become_newlines(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"One.\r\nTwo.\rThree.\n")
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == "One.\nTwo.\nThree.\n" and notices == []


def test_nul_bytes_inside_text_are_removed_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(NEWS.encode() * 3 + b"\x00\x00" + NEWS.encode())
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == NEWS * 4
    assert only_notice(notices, Warned).reason == "removed 2 NUL characters"


def test_zero_width_and_right_to_left_characters_are_kept_verbatim(tmp_path):
    text = "Nvi\u200bdia and \u202eDeepSeek\u202c met \u05e9\u05dc\u05d5\u05dd and \u0627\u0644\u0639\u0631\u0628\u064a\u0629\u200f.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == text and notices == []


# ---------------------------------------------------------------- size


def test_a_line_over_the_length_limit_is_skipped_and_one_just_under_is_read(tmp_path):
    (tmp_path / "over.txt").write_text("x" * (1024 * 1024), encoding="utf-8")
    (tmp_path / "under.txt").write_text("y" * (MAX_DOCUMENT_CHARS - 1), encoding="utf-8")
    documents, notices = read([tmp_path])
    assert [d.id for d in documents] == ["under.txt"]
    assert only_notice(notices).reason == "too long: 1,048,576 characters (the limit is 1,000,000); split it"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    with (tmp_path / "huge.txt").open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no disk space
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a huge file was read"))
    _, notices = read([tmp_path])
    assert only_notice(notices).reason.startswith("too large: 4,000,005 bytes")


# ---------------------------------------------------------------- file system


def test_an_unreadable_file_is_skipped_and_the_others_build(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(NEWS, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):  # tests run as root, who can read anything: refuse like the kernel would
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    documents, notices = read([tmp_path])
    assert [d.id for d in documents] == ["a.txt"]
    assert str(only_notice(notices)) == f"{tmp_path / 'secret.txt'}: cannot read: Permission denied"


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    documents, notices = read([tmp_path])
    assert [d.id for d in documents] == ["a.txt"]
    assert str(only_notice(notices)) == f"{tmp_path / 'locked'}: cannot read folder: Permission denied"


@pytest.fixture
def fail_if_blocked():
    """Fail the test (instead of hanging the suite) if reading blocks for 10 seconds."""

    def blocked(signum, frame):
        raise AssertionError("reading blocked")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_named_pipe_is_never_opened(tmp_path, fail_if_blocked):
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    documents, notices = read([tmp_path, tmp_path / "pipe.txt", tmp_path / "pipe.jsonl"])
    assert [d.id for d in documents] == ["a.txt"]
    reasons = sorted(str(n) for n in notices)
    assert reasons == sorted(
        [f"{tmp_path / 'pipe.jsonl'}: not a regular file (a pipe, socket or device)"] * 2
        + [f"{tmp_path / 'pipe.txt'}: not a regular file (a pipe, socket or device)"] * 2
    )
    assert count_documents([tmp_path, tmp_path / "pipe.txt", tmp_path / "pipe.jsonl"]) == 1


def test_symlink_loops_end_and_are_reported(tmp_path, fail_if_blocked):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder loop
    (tmp_path / "x.txt").symlink_to("y.txt")  # a file loop
    (tmp_path / "y.txt").symlink_to("x.txt")
    (tmp_path / "self.md").symlink_to("self.md")
    (tmp_path / "link.txt").symlink_to("sub/a.txt")  # a good link is read
    documents, notices = read([tmp_path, tmp_path / "x.txt"])
    assert [d.id for d in documents] == ["link.txt", "sub/a.txt"]
    assert sorted(str(n) for n in notices) == [
        f"{tmp_path / 'self.md'}: broken symbolic link or link loop",
        f"{tmp_path / 'sub' / 'up'}: symbolic link to a folder: not followed",
        f"{tmp_path / 'x.txt'}: broken symbolic link or link loop",
        f"{tmp_path / 'x.txt'}: broken symbolic link or link loop",
        f"{tmp_path / 'y.txt'}: broken symbolic link or link loop",
    ]


def test_a_folder_with_no_text_files_says_so(tmp_path):
    (tmp_path / "image.png").write_bytes(PNG)
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    documents, notices = read([tmp_path, tmp_path / "missing.txt"])
    assert documents == []
    assert [str(n) for n in notices] == [
        f"{tmp_path}: folder holds no .txt, .md or .jsonl files",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_undecodable_and_control_characters_in_file_names_are_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9\n.txt"), "wb") as stream:
        stream.write(NEWS.encode())
    (document,), notices = read([tmp_path])
    assert document.id == "caf\\xe9\\x0a.txt" and notices == []
    document.id.encode("utf-8")  # a valid string, fit for IRIs and messages


def test_the_same_document_id_twice_is_skipped_the_second_time(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "two" / "a.txt").write_text("Other text.", encoding="utf-8")
    documents, notices = read([tmp_path / "one", tmp_path / "two"])
    assert [d.text for d in documents] == [NEWS]
    assert str(only_notice(notices)) == (
        f"{tmp_path / 'two' / 'a.txt'}: duplicate document id 'a.txt' (first read from {tmp_path / 'one' / 'a.txt'})"
    )


def test_ten_thousand_tiny_files_are_read_one_at_a_time(tmp_path, monkeypatch):
    for index in range(10_000):
        (tmp_path / f"{index:05d}.txt").write_bytes(b"Nvidia makes chips.")
    reads = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real_read_bytes(self))
    documents = read_documents([tmp_path])
    assert next(documents).id == "00000.txt" and len(reads) == 1  # streamed, not read all at once
    assert sum(1 for _ in documents) + 1 == 10_000 == count_documents([tmp_path]) == len(reads)


# ---------------------------------------------------------------- JSON Lines


def test_hostile_jsonl_lines_are_skipped_one_by_one(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": NEWS}).encode(),
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": "latin", "text": "caf\xe9"}',
        json.dumps({"id": "nul", "text": NEWS + "\u0000"}).encode(),
        b'{"id": "sur\\ud800", "text": "Lone \\udc00 surrogate."}',
        json.dumps({"id": "ok", "text": "Again."}).encode(),
        json.dumps({"id": "long", "text": "z" * (MAX_DOCUMENT_CHARS + 1)}).encode(),
        b'"just a string"',
    ]
    path.write_bytes(codecs.BOM_UTF8 + b"\n".join(lines) + b"\n")
    documents, notices = read([path])
    assert [(d.id, d.text) for d in documents] == [
        ("ok", NEWS), ("nul", NEWS), ("sur\ufffd", "Lone \ufffd surrogate.")
    ]
    assert [(type(n).__name__, str(n)) for n in notices] == [
        ("Skipped", f"{path}:2: invalid JSON: nested too deeply"),
        ("Skipped", f"{path}:3: not UTF-8 (byte 0xE9 at column 29)"),
        ("Warned", f"{path}:4: removed 1 NUL characters"),
        ("Warned", f'{path}:5: lone surrogate in "id" replaced by U+FFFD'),
        ("Warned", f'{path}:5: lone surrogate in "text" replaced by U+FFFD'),
        ("Skipped", f"{path}:6: duplicate document id 'ok' (first read from {path}:1)"),
        ("Skipped", f"{path}:7: too long: 1,000,001 characters (the limit is 1,000,000); split it"),
        ("Skipped", f"{path}:8: expected a JSON object"),
    ]


def test_a_binary_file_named_jsonl_is_one_skip(tmp_path):
    (tmp_path / "docs.jsonl").write_bytes(gzip.compress(b'{"id": 1, "text": "x"}\n' * 1000, mtime=0))
    _, notices = read([tmp_path / "docs.jsonl"])
    assert str(only_notice(notices)) == f"{tmp_path / 'docs.jsonl'}: not text (gzip archive)"


# ---------------------------------------------------------------- the command line


def test_build_exits_0_and_lists_what_it_skipped(tmp_path, blank_pipeline):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "in" / "latin.txt").write_bytes("Café Núñez.".encode("latin-1"))
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.txt").write_bytes(PNG)
    (tmp_path / "in" / "[red]markup[bold].txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out" / "g"), "-f", "ttl"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert f"kg: warning {tmp_path / 'in' / 'latin.txt'}: not UTF-8 (byte 0xE9 at offset 3): decoded as Windows-1252" in lines
    assert f"kg: skipped {tmp_path / 'in' / 'empty.txt'}: empty document" in lines
    assert f"kg: skipped {tmp_path / 'in' / 'image.txt'}: not text (PNG image)" in lines
    assert f"kg: skipped {tmp_path / 'in' / '[red]markup[bold].txt'}: empty document" in lines
    assert any(line.startswith("built 2 documents") and line.endswith("; skipped 3 (listed above)") for line in lines)
    assert "Traceback" not in result.output
    graph = Graph().parse(tmp_path / "out" / "g.ttl")
    assert len(graph) > 0


def test_build_fails_with_a_message_when_nothing_could_be_read(tmp_path, blank_pipeline):
    (tmp_path / "image.txt").write_bytes(PNG)
    (tmp_path / "empty.md").write_bytes(b"  ")
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "g")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"kg: skipped {tmp_path / 'empty.md'}: empty document (whitespace only)",
        f"kg: skipped {tmp_path / 'image.txt'}: not text (PNG image)",
        "kg: error: no document could be read from the given paths",
    ]
    assert not list(tmp_path.glob("g.*"))


def test_build_of_ten_thousand_tiny_files(tmp_path, blank_pipeline):
    (tmp_path / "in").mkdir()
    for index in range(10_000):
        (tmp_path / "in" / f"{index:05d}.txt").write_bytes(b"Tiny.")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "g"), "-f", "nt"])
    assert result.exit_code == 0, result.output
    assert "built 10000 documents" in result.stderr
    documents = {line.split()[0] for line in (tmp_path / "g.nt").read_text().splitlines() if "documentId" in line}
    assert len(documents) == 10_000


@pytest.mark.model
def test_end_to_end_build_of_a_folder_mixing_good_and_bad_files(tmp_path):
    """The real model over the seeds plus every kind of bad file: the seeds build, offsets stay true."""
    from kg.pipeline import extract

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    tricky = "Nvi\u200bdia CEO Jensen Huang met \u202eDeepSeek\u202c founder Liang Wenfeng in \u05ea\u05dc \u05d0\u05d1\u05d9\u05d1 😀.\n"
    (folder / "tricky.txt").write_bytes(codecs.BOM_UTF8 + tricky.replace("\n", "\r\n").encode())
    (folder / "latin.txt").write_bytes("Café owner José Núñez works for Nvidia in Zürich.\n".encode("cp1252"))
    (folder / "utf16.txt").write_bytes("Yann LeCun works for Meta in Paris.\n".encode("utf-16-le"))
    (folder / "long_line.txt").write_text("q" * 200_000, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(PNG)
    (folder / "archive.txt").write_bytes(gzip.compress(NEWS.encode(), mtime=0))
    (folder / "loop.txt").symlink_to("loop.txt")

    prefix = tmp_path / "out" / "mixed"
    result = runner.invoke(app, ["build", str(folder), "-o", str(prefix), "-f", "ttl,trig,nt,jsonld,html"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"built {len(list(SEEDS.glob('*.txt'))) + 4} documents" in result.stderr
    assert "; skipped 4 (listed above)" in result.stderr
    assert result.stderr.count("kg: warning") == 2
    for fmt, rdflib_format in (("ttl", "turtle"), ("trig", "trig"), ("nt", "nt"), ("jsonld", "json-ld")):
        assert len(Graph().parse(prefix.with_suffix(f".{fmt}"), format=rdflib_format)) > 0 or fmt == "trig"
    released = Graph().parse(prefix.with_suffix(".ttl")).query(
        "SELECT ?o WHERE { ?s <https://w3id.org/offline-kg/ontology#released> ?o }"
    )
    assert len(released) > 0

    for extraction in extract([folder]):
        text = extraction.document.text
        for mention in extraction.mentions:
            assert text[mention.start : mention.end] == mention.text
        for relation in extraction.relations:
            assert text[relation.sentence.start : relation.sentence.end] == relation.sentence.text
