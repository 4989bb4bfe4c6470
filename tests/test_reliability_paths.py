"""Output paths and data files a careless user or an attacker gives: one line naming the problem, before any work."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEEDS

KG = [sys.executable, "-m", "kg"]


def run_kg(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode in {1, 2}, result.stderr
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("prefix", [".", "/", "", ".."])
def test_an_output_prefix_that_names_no_file_is_refused_before_parsing(prefix, tmp_path):
    started = time.monotonic()
    result = run_kg("build", str(SEEDS), "-o", prefix, cwd=tmp_path)
    assert_one_line_error(result, "names no file")
    assert result.returncode == 2 and time.monotonic() - started < 10  # no model was loaded, nothing parsed


def test_an_output_under_a_file_is_refused_before_parsing(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = run_kg("build", str(SEEDS), "-o", str(tmp_path / "afile" / "P"))
    assert_one_line_error(result, "afile", "is a file, not a folder")


def test_export_to_dot_is_refused(tmp_path):
    result = run_kg("export", str(tmp_path / "no-store"), "-o", ".", cwd=tmp_path)
    assert_one_line_error(result, "names no file")


MEASURED = (  # runs kg as its only child, then prints that child's peak RSS in KiB on stderr's last line
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("deep.yaml", "entities: " + "[" * 50_000 + "]" * 50_000 + "\n", ("deep.yaml", "nested deeper")),
        (
            "bomb.yaml",
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
            + "entities: [{name: x, aliases: *i}]\n",
            ("bomb.yaml", "aliases"),
        ),
        ("big.yaml", "ignore:\n" + "  - x\n" * 3_000_000, ("big.yaml", "too large")),
    ],
)
def test_a_hostile_gazetteer_is_one_line_within_5_s_and_300_mb(tmp_path, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, *KG, "build", str(SEEDS), "-o", str(tmp_path / "out"),
         "--gazetteer", str(path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    *lines, peak_kib = result.stderr.strip().splitlines()
    assert_one_line_error(subprocess.CompletedProcess(result.args, result.returncode, "", "\n".join(lines)), *words)
    assert time.monotonic() - started < 5
    assert int(peak_kib) < 300 * 1024
    assert not (tmp_path / "out.ttl").exists()
