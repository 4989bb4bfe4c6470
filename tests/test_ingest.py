"""Reading inputs: files, folders, JSONL; bad inputs are reported, never fatal."""

from __future__ import annotations

import json

from kg.ingest.reader import read_documents


def test_folder_is_read_recursively_with_relative_ids(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("Beta.", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    assert [d.id for d in read_documents([tmp_path])] == ["a.txt", "sub/b.md"]


def test_jsonl_records_keep_metadata_and_bad_lines_are_skipped(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": "Nvidia makes chips.", "title": "T", "date": "2025-01-01", "source": "S"}),
        "{not json",
        json.dumps({"id": "n2"}),
        json.dumps({"id": 3, "text": "Numbers as ids work."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    skipped = []
    docs = list(read_documents([path], skipped.append))
    assert [(d.id, d.title, d.date, d.source) for d in docs] == [
        ("n1", "T", "2025-01-01", "S"), ("3", None, None, None)
    ]
    assert [s.where for s in skipped] == [f"{path}:2", f"{path}:3"]


def test_binary_and_empty_files_are_skipped_with_reason(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    skipped = []
    assert [d.id for d in read_documents([tmp_path], skipped.append)] == ["good.txt"]
    assert sorted(str(s) for s in skipped) == [
        f"{tmp_path / 'empty.txt'}: empty document",
        f"{tmp_path / 'image.txt'}: not text (PNG image)",
    ]


def test_bom_and_crlf_are_normalised(tmp_path):
    (tmp_path / "w.txt").write_bytes("\ufeffLine one.\r\nLine two.".encode("utf-8"))
    (doc,) = read_documents([tmp_path / "w.txt"])
    assert doc.text == "Line one.\nLine two."
