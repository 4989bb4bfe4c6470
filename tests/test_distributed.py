"""Parsing and extraction on a Dask LocalCluster (two worker processes on loopback) give the same graph."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from benchmarks.serve import free_port
from kg.cli import app
from kg.defaults import BuildOptions
from kg.distributed import connect
from kg.errors import ModelNotFoundError, ServerError
from kg.pipeline import build
from kg.views import ViewContext, render_view
from tests.helpers import SEEDS

ARTICLES = [
    {"id": "a1", "text": "Nvidia CEO Jensen Huang said the company will ship the H800 chips to Chinese customers."},
    {"id": "a2", "text": "OpenAI released GPT-4 in March. Microsoft invested billions in OpenAI."},
    {"id": "a3", "text": "Liang Wenfeng, the founder of DeepSeek, lives in Hangzhou. DeepSeek released R1 in January."},
]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.model
def test_dask_build_equals_single_process_build(tmp_path, scheduler):
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    paths = [SEEDS, corpus]
    assert scheduler.startswith("tcp://127.0.0.1:")
    seen: list[str] = []
    on_dask = build(paths, BuildOptions(batch_size=1, dask_address=scheduler), on_document=lambda d: seen.append(d.id))
    alone = build(paths)
    assert sorted(seen) == sorted(alone.documents) and len(seen) == 5
    assert render_view(ViewContext(on_dask), "ttl") == render_view(ViewContext(alone), "ttl")


@pytest.mark.model
def test_cli_build_with_dask_writes_the_same_turtle(tmp_path, scheduler, seeds_build):
    prefix = tmp_path / "seeds"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(prefix), "--format", "ttl", "--dask", scheduler])
    assert result.exit_code == 0, result.output
    assert prefix.with_suffix(".ttl").read_bytes() == seeds_build.with_suffix(".ttl").read_bytes()


def test_a_model_missing_on_the_workers_is_reported_on_the_client(scheduler):
    with pytest.raises(ModelNotFoundError, match="no_such_model"):
        build([SEEDS], BuildOptions(model="no_such_model", dask_address=scheduler))


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("kg.distributed.CONNECT_TIMEOUT_SECONDS", 1)
    with pytest.raises(ServerError, match=r"cannot connect to the Dask scheduler at tcp://127.0.0.1:"):
        connect(f"tcp://127.0.0.1:{free_port()}")


def test_missing_dask_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ServerError, match=r"pip install 'offline-kg\[dask\]'"):
        connect("tcp://127.0.0.1:8786")


def test_cli_build_with_an_unreachable_scheduler_fails_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.distributed.CONNECT_TIMEOUT_SECONDS", 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(tmp_path / "x"), "--dask", address])
    assert result.exit_code == 1 and f"cannot connect to the Dask scheduler at {address}" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.ttl").exists()
