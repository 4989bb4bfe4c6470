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
import resource
import signal
import subprocess
import sys

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import files
from kg.ingest.reader import Skipped, Warned, count_documents, read_documents
from tests.helpers import ROOT, SEEDS

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
NEWS = "Nvidia makes the H800 chip. DeepSeek released R1 in January.\n"


def read(paths, **options):
    """The documents and the notices of reading ``paths``."""
    notices = []
    documents = list(read_documents(paths, notices.append, **options))
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
    text = (
        "Nvi\u200bdia and \u202eDeepSeek\u202c met \u05e9\u05dc\u05d5\u05dd and "
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u200f.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (document,), notices = read([tmp_path / "a.txt"])
    assert document.text == text and notices == []


# ---------------------------------------------------------------- size


def test_a_text_over_the_length_limit_is_skipped_and_one_at_the_limit_is_read(tmp_path):
    (tmp_path / "over.txt").write_text("x" * 1001, encoding="utf-8")
    (tmp_path / "under.txt").write_text("y" * 1000, encoding="utf-8")
    documents, notices = read([tmp_path], max_document_bytes=1000)
    assert [d.id for d in documents] == ["under.txt"]
    assert only_notice(notices).reason == "too large: 1,001 bytes (the limit is 1,000; see --max-document-mb)"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    with (tmp_path / "huge.txt").open("wb") as stream:
        stream.truncate(10**12)  # sparse: takes no disk space
    _, notices = read([tmp_path])
    assert only_notice(notices).reason == (
        "too large: 1,000,000,000,000 bytes (the limit is 32,000,000; see --max-document-mb)"
    )


# ---------------------------------------------------------------- file system


def test_an_unreadable_file_is_skipped_and_the_others_build(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(NEWS, encoding="utf-8")
    real_open = os.open

    def refusing_open(path, flags, *args):  # tests run as root, who can read anything: refuse like the kernel would
        if os.fspath(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
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


def test_a_named_pipe_never_blocks_the_build(tmp_path, fail_if_blocked):
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    documents, notices = read([tmp_path, tmp_path / "pipe.txt", tmp_path / "pipe.jsonl"])
    assert [d.id for d in documents] == ["a.txt"]
    reasons = sorted(str(n) for n in notices)
    assert reasons == sorted(
        [f"{tmp_path / 'pipe.jsonl'}: not a regular file (a pipe)"] * 2
        + [f"{tmp_path / 'pipe.txt'}: not a regular file (a pipe)"] * 2
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
        f"{tmp_path}: folder holds no input files "
        "(.txt, .md, .jsonl, .html, .htm, .xhtml, .pdf, .rss, .atom, .xml, .warc, .warc.gz)",
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
    real_open = files.open_regular_file
    monkeypatch.setattr(files, "open_regular_file", lambda path: reads.append(path) or real_open(path))
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
        json.dumps({"id": "long", "text": "z" * 300_000}).encode(),
        b'"just a string"',
    ]
    path.write_bytes(codecs.BOM_UTF8 + b"\n".join(lines) + b"\n")
    documents, notices = read([path], max_document_bytes=300_000)
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
        ("Skipped", f"{path}:7: line longer than the limit of 300,000 bytes (see --max-document-mb)"),
        ("Skipped", f"{path}:8: expected a JSON object"),
    ]


def test_a_binary_file_named_jsonl_is_one_skip(tmp_path):
    (tmp_path / "docs.jsonl").write_bytes(gzip.compress(b'{"id": 1, "text": "x"}\n' * 1000, mtime=0))
    _, notices = read([tmp_path / "docs.jsonl"])
    assert str(only_notice(notices)) == f"{tmp_path / 'docs.jsonl'}: not text (gzip archive)"


# ---------------------------------------------------------------- paths that change under kg, and limits

READ_MEASURED = """
import json, os, sys, time
from kg.ingest.reader import read_documents
folder, swap_name, swap_to = sys.argv[1:4]
notices, started = [], time.perf_counter()
documents = read_documents([folder], notices.append)
ids = [next(documents).id]  # the folder is listed and its first file read: now swap the next one
target = os.path.join(folder, swap_name)
if swap_to != "-":
    os.remove(target)
    os.mkfifo(target) if swap_to == "fifo" else os.symlink(swap_to, target)
ids += [document.id for document in documents]
# VmHWM, not ru_maxrss: the latter keeps the peak of the forked test process from before exec
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"ids": ids, "notices": [str(n) for n in notices], "seconds": time.perf_counter() - started,
                  "peak_mb": peak_kb / 1024}))
"""


def read_in_a_process(folder, swap_name="-", swap_to="-"):
    """Read ``folder`` in a child (replacing ``swap_name`` by ``swap_to`` after the first document): what it says.

    The child may use at most 2 GB of address space and 60 s, so a regression fails the test, not the machine.
    """

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    result = subprocess.run(
        [sys.executable, "-c", READ_MEASURED, str(folder), swap_name, swap_to],
        check=False, capture_output=True, text=True,
        timeout=60, preexec_fn=limit_memory, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("swap_to", ["fifo", "/dev/zero"])
def test_a_file_replaced_after_listing_by_a_pipe_or_a_device_is_one_line(tmp_path, swap_to):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "c.txt").write_text(NEWS, encoding="utf-8")
    outcome = read_in_a_process(tmp_path, "b.txt", swap_to)
    kind = "a pipe" if swap_to == "fifo" else "a character device"
    assert outcome["ids"] == ["a.txt", "c.txt"]
    assert outcome["notices"] == [f"{tmp_path / 'b.txt'}: not a regular file ({kind})"]
    assert outcome["seconds"] < 5 and outcome["peak_mb"] < 300


def test_a_200_mb_jsonl_line_is_refused_while_it_is_read(tmp_path):
    with (tmp_path / "big.jsonl").open("wb") as stream:
        stream.write(json.dumps({"id": "ok", "text": NEWS}).encode() + b"\n")
        stream.write(b'{"id": "huge", "text": "' + b"x" * 200_000_000 + b'"}\n')
        stream.write(json.dumps({"id": "after", "text": NEWS}).encode() + b"\n")
    outcome = read_in_a_process(tmp_path)
    assert outcome["ids"] == ["ok", "after"]
    assert outcome["notices"] == [
        f"{tmp_path / 'big.jsonl'}:2: line longer than the limit of 32,000,000 bytes (see --max-document-mb)"
    ]
    assert outcome["seconds"] < 5 and outcome["peak_mb"] < 300


def test_dev_stdin_is_named_for_what_it_is(tmp_path):
    script = "from kg.ingest.reader import read_documents as r; n = []; list(r(['/dev/stdin'], n.append)); print(*n)"
    result = subprocess.run(
        [sys.executable, "-c", script], check=False, stdin=subprocess.PIPE, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.stdout == "/dev/stdin: not a regular file (a pipe)\n", result.stderr


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "a", "text": 5}, 'document a: "text" is a number, not a string'),
        ({"id": "a", "text": ["x"]}, 'document a: "text" is an array, not a string'),
        ({"id": True, "text": NEWS}, '"id" is a boolean: give a string or an integer'),
        ({"id": 1.5, "text": NEWS}, '"id" is a number: give a string or an integer'),
        ({"id": "a"}, 'document a: missing "text"'),
        ({"text": NEWS}, 'missing "id"'),
    ],
    ids=["text-number", "text-array", "id-true", "id-float", "no-text", "no-id"],
)
def test_jsonl_fields_of_the_wrong_type_are_named(tmp_path, record, reason):
    (tmp_path / "docs.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    documents, notices = read([tmp_path / "docs.jsonl"])
    assert documents == []
    assert str(only_notice(notices)) == f"{tmp_path / 'docs.jsonl'}:1: {reason}"


def test_jsonl_dates_are_normalised_and_a_date_kg_cannot_read_is_left_out_with_a_warning(tmp_path):
    lines = [
        {"id": "a", "text": NEWS, "date": "Mon, 20 Jan 2025 09:30:00 GMT"}, {"id": "b", "text": NEWS, "date": "soon"}
    ]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    documents, notices = read([tmp_path / "docs.jsonl"])
    assert [(d.id, d.date) for d in documents] == [("a", "2025-01-20T09:30:00+00:00"), ("b", None)]
    assert str(only_notice(notices, Warned)).endswith(
        ":2: \"date\" 'soon' is not an ISO 8601 or RFC 2822 date: left out"
    )


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
    assert (
        f"kg: warning {tmp_path / 'in' / 'latin.txt'}: not UTF-8 (byte 0xE9 at offset 3): decoded as Windows-1252"
        in lines
    )
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


PEAK_OF_CHILD = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], check=False).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB, of that one command alone
sys.exit(code)
"""


def test_a_20_mb_text_file_builds_within_the_memory_target(tmp_path):
    """README's promise: a single 20 MB text file builds (parsed in parts), under 2 GB peak (blank pipeline)."""
    sentence = "Nvidia makes the H800 chip. DeepSeek released R1 in January.\n"
    (tmp_path / "big.txt").write_text(sentence * (20_000_000 // len(sentence) + 1), encoding="utf-8")
    build = [sys.executable, str(ROOT / "tests" / "build_until.py"), "end", "build", str(tmp_path / "big.txt"),
             "-o", str(tmp_path / "g"), "-f", "nt"]
    result = subprocess.run(
        [sys.executable, "-c", PEAK_OF_CHILD, *build],
        check=False, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "built 1 documents" in result.stderr
    assert int(result.stdout) < 2 * 1024 * 1024  # KiB


def test_the_size_limit_is_an_option(tmp_path, blank_pipeline):
    (tmp_path / "a.txt").write_text("Nvidia makes chips. " * 75_000, encoding="utf-8")  # 1.5 MB
    (tmp_path / "b.txt").write_text(NEWS, encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(tmp_path), "-o", str(tmp_path / "g"), "-f", "nt", "--max-document-mb", "1"]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"kg: skipped {tmp_path / 'a.txt'}: too large: 1,500,000 bytes "
        "(the limit is 1,000,000; see --max-document-mb)"
    ) in (
        result.stderr.splitlines()
    )
    assert "built 1 documents" in result.stderr


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
    tricky = (
        "Nvi\u200bdia CEO Jensen Huang met \u202eDeepSeek\u202c founder Liang Wenfeng in "
        "\u05ea\u05dc \u05d0\u05d1\u05d9\u05d1 😀.\n"
    )
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
