"""kg push into an Oxigraph server started on loopback (the `oxigraph` package's binary)."""

from __future__ import annotations

import http.client
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from benchmarks.serve import free_port
from kg.cli import app
from kg.errors import ServerError
from kg.push import push
from kg.store import open_store
from tests.test_serve import TRIG, make_store

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Talk to the loopback server directly, whatever proxy the environment names."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[int]:
    """An empty read-write Oxigraph server on a free loopback port; yields the port."""
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "oxigraph-server"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while status(port, "GET", "/query?query=ASK%7B%7D") != 200:
            assert process.poll() is None and time.monotonic() < deadline, "oxigraph server did not start"
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(10)


def status(port: int, method: str, path: str) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def dataset_of(port: int) -> set[pyoxigraph.Quad]:
    """Every quad the server holds, read back through its Graph Store GET."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/store", headers={"Accept": "application/n-quads"})
        response = connection.getresponse()
        assert response.status == 200
        return set(pyoxigraph.parse(response.read(), format=pyoxigraph.RdfFormat.N_QUADS))
    finally:
        connection.close()


def test_push_writes_every_named_graph_and_the_default_graph(tmp_path, oxigraph_server):
    store = open_store(make_store(tmp_path))
    pushed = push(store, f"http://127.0.0.1:{oxigraph_server}/store")
    assert [(g.iri, g.triples) for g in pushed] == [
        ("https://example.org/kg/doc/a", 1), ("https://example.org/kg/doc/b", 1), (None, 14)]
    assert dataset_of(oxigraph_server) == set(store)
    push(store, f"http://127.0.0.1:{oxigraph_server}/store")  # PUT replaces: pushing again changes nothing
    assert dataset_of(oxigraph_server) == set(store)


def test_push_streams_graphs_bigger_than_one_chunk(tmp_path, oxigraph_server, monkeypatch):
    monkeypatch.setattr("kg.push.TRIPLES_PER_CHUNK", 5)
    store = open_store(make_store(tmp_path))
    push(store, f"http://127.0.0.1:{oxigraph_server}/store")
    assert dataset_of(oxigraph_server) == set(store)


def test_cli_push_of_a_file(tmp_path, oxigraph_server):
    trig = tmp_path / "graph.trig"
    trig.write_text(TRIG, encoding="utf-8")
    result = CliRunner().invoke(app, ["push", str(trig), "--endpoint", f"http://127.0.0.1:{oxigraph_server}/store"])
    assert result.exit_code == 0, result.output
    assert "pushed 3 graphs, 16 triples" in result.output
    assert len(dataset_of(oxigraph_server)) == 16


def test_unreachable_endpoint_is_a_clear_error(tmp_path):
    store = open_store(make_store(tmp_path))
    with pytest.raises(ServerError, match="cannot reach the endpoint"):
        push(store, f"http://127.0.0.1:{free_port()}/store", timeout=5)


def test_http_error_names_status_and_graph(tmp_path, oxigraph_server):
    store = open_store(make_store(tmp_path))
    with pytest.raises(ServerError, match=r"HTTP 404 .* when writing graph <https://example.org/kg/doc/a>"):
        push(store, f"http://127.0.0.1:{oxigraph_server}/nowhere")


def test_not_an_http_url(tmp_path):
    result = CliRunner().invoke(app, ["push", str(make_store(tmp_path)), "--endpoint", "file:///etc/passwd"])
    assert result.exit_code == 1 and "not an http(s) URL" in result.output
