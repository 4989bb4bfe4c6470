"""The read-only SPARQL endpoint, queried over HTTP on loopback."""

from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from benchmarks.serve import QUERIES_DIRECTORY, load_queries, run_load, served
from kg.cli import app
from kg.defaults import DEFAULT_HOST
from kg.errors import InputError, NotAStoreError, ServerError
from kg.serve import SparqlServer, make_server
from kg.store import open_store

# A default graph (what kg build writes) and one named graph per document, as in a kg store.
TRIG = """
@prefix kg: <https://w3id.org/offline-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix e: <https://example.org/kg/entity/> .
@prefix d: <https://example.org/kg/doc/> .
e:deepseek a kg:Organization ; rdfs:label "DeepSeek" ; kg:released e:r1 ; kg:mentionCount 3 .
e:r1 a kg:AIModel ; rdfs:label "R1" ; kg:mentionCount 2 .
e:nvidia a kg:Organization ; rdfs:label "Nvidia, \\"the\\" chip maker" ; kg:manufactures e:h800 ; kg:mentionCount 1 .
e:h800 a kg:Chip ; rdfs:label "H800" ; kg:mentionCount 1 .
d:a { e:deepseek kg:released e:r1 . }
d:b { e:nvidia kg:manufactures e:h800 . }
"""
KG = "https://w3id.org/offline-kg/ontology#"
RELEASED = "SELECT ?label WHERE { ?s kg:released ?o . ?o rdfs:label ?label }"


def make_store(directory: Path, trig: str = TRIG) -> Path:
    """A kg store directory (STORE/oxigraph/) holding ``trig``."""
    store = pyoxigraph.Store(str(directory / "oxigraph"))
    store.bulk_load(trig.encode(), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    return directory


@contextmanager
def running(server: SparqlServer) -> Iterator[SparqlServer]:
    """``server`` answering on a background thread until the block ends."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    source = make_store(tmp_path_factory.mktemp("store"))
    with running(make_server(source, port=0, max_request_bytes=10_000, max_result_bytes=5_000)) as server:
        yield server


def request(server: SparqlServer, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def get(server: SparqlServer, query: str, accept: str = "") -> tuple[int, str, bytes]:
    return request(server, "GET", f"/query?query={quote(query)}", headers={"Accept": accept} if accept else {})


def test_binds_loopback_by_default(endpoint):
    assert DEFAULT_HOST == "127.0.0.1" and endpoint.server_address[0] == "127.0.0.1"
    assert endpoint.url == f"http://127.0.0.1:{endpoint.server_port}/query"


def test_get_select_as_json_with_predeclared_prefixes(endpoint):
    status, content_type, body = get(endpoint, RELEASED)
    assert status == 200 and content_type == "application/sparql-results+json"
    bindings = json.loads(body)["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["R1"]


def test_select_as_xml_csv_and_tsv_by_accept(endpoint):
    query = "SELECT ?label WHERE { ?s a kg:Organization ; rdfs:label ?label } ORDER BY ?label"
    status, content_type, body = get(endpoint, query, "application/sparql-results+xml")
    assert status == 200 and content_type == "application/sparql-results+xml"
    namespace = {"r": "http://www.w3.org/2005/sparql-results#"}
    literals = [node.text for node in ET.fromstring(body).findall(".//r:literal", namespace)]
    assert literals == ["DeepSeek", 'Nvidia, "the" chip maker']
    status, content_type, body = get(endpoint, query, "text/csv")
    assert status == 200 and content_type.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["label"], ["DeepSeek"], ['Nvidia, "the" chip maker']]
    status, content_type, body = get(endpoint, query, "text/html, text/tab-separated-values;q=0.9")
    assert status == 200 and content_type.startswith("text/tab-separated-values")
    assert body.decode().splitlines() == ["?label", '"DeepSeek"', '"Nvidia, \\"the\\" chip maker"']


def test_post_query_body_and_form(endpoint):
    status, _, body = request(endpoint, "POST", "/query", RELEASED.encode(),
                              {"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["label"]["value"] == "R1"
    status, _, body = request(endpoint, "POST", "/query",
                              urlencode({"query": "ASK { ?s kg:manufactures ?o }"}).encode(),
                              {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_construct_as_turtle_and_ntriples(endpoint):
    query = "CONSTRUCT { ?s kg:released ?o } WHERE { ?s kg:released ?o }"
    expected = {(URIRef("https://example.org/kg/entity/deepseek"), URIRef(KG + "released"),
                 URIRef("https://example.org/kg/entity/r1"))}
    for accept, media_type, rdflib_format in (("", "text/turtle", "turtle"),
                                              ("application/n-triples", "application/n-triples", "nt")):
        status, content_type, body = get(endpoint, query, accept)
        assert status == 200 and content_type == media_type
        assert set(Graph().parse(data=body.decode(), format=rdflib_format)) == expected


def test_named_graphs_per_document_are_queryable(endpoint):
    query = "SELECT ?g WHERE { GRAPH ?g { ?s kg:manufactures ?o } }"
    status, _, body = get(endpoint, query)
    assert status == 200
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["https://example.org/kg/doc/b"]
    # default-graph-uri picks the dataset's default graph (SPARQL 1.1 Protocol)
    status, _, body = request(endpoint, "GET", "/query?" + urlencode(
        {"query": "SELECT ?o WHERE { ?s ?p ?o }", "default-graph-uri": "https://example.org/kg/doc/a"}))
    assert status == 200
    assert [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["https://example.org/kg/entity/r1"]


@pytest.mark.parametrize(("method", "path", "content_type", "body"), [
    ("POST", "/update", "application/sparql-update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("POST", "/query", "application/sparql-update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("POST", "/query", "application/x-www-form-urlencoded", b"update=DROP+ALL"),
    ("GET", "/update?update=DROP+ALL", "", b""),
])
def test_sparql_update_is_refused(endpoint, method, path, content_type, body):
    status, _, text = request(
        endpoint, method, path, body or None, {"Content-Type": content_type} if content_type else {}
    )
    assert status == 403 and b"read-only" in text
    assert get(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }")[2] == b'{"head":{},"boolean":false}'


def test_update_text_sent_as_query_is_a_syntax_error(endpoint):
    status, _, text = get(endpoint, "DELETE WHERE { ?s ?p ?o }")
    assert status == 400 and b"syntax error" in text
    assert json.loads(get(endpoint, "ASK { ?s ?p ?o }")[2])["boolean"] is True


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_graph_store_writes_are_refused(endpoint, method):
    status, _, _ = request(endpoint, method, "/store?graph=urn:g", b"<urn:a> <urn:b> <urn:c> .",
                           {"Content-Type": "application/n-triples"})
    assert status == 405
    assert json.loads(get(endpoint, "ASK { GRAPH <urn:g> { ?s ?p ?o } }")[2])["boolean"] is False


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused(endpoint, query):
    status, _, text = get(endpoint, query)
    assert status == 403 and b"SERVICE" in text


def test_the_word_service_in_data_is_fine(endpoint):
    status, _, body = get(endpoint, 'SELECT ?x WHERE { BIND("customer service" AS ?x) }')
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["x"]["value"] == "customer service"


def test_oversized_requests_get_413(endpoint):
    big = "ASK { ?s ?p ?o } #" + "x" * 20_000
    status, _, _ = request(endpoint, "POST", "/query", big.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 413
    assert get(endpoint, big)[0] == 413
    status, _, _ = request(endpoint, "POST", "/query", b"", {"Content-Type": "application/sparql-query",
                                                             "Content-Length": "999999999"})
    assert status == 413


def test_oversized_answers_are_refused(endpoint):
    status, _, text = get(endpoint, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 403 and b"add a LIMIT" in text
    assert get(endpoint, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 3")[0] == 200


def test_a_query_over_the_time_limit_is_stopped(tmp_path):
    with running(make_server(make_store(tmp_path), port=0, max_query_seconds=1.0, max_result_bytes=1 << 30)) as server:
        started = time.monotonic()
        status, _, text = get(
            server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o . ?p ?q ?r }"
        )
        assert status == 503 and b"ran over 1 s and was stopped" in text
        assert time.monotonic() - started < 1 + 2, "stopped at the time limit, not run to its end (64 million rows)"
        assert get(server, RELEASED)[0] == 200


def test_bad_requests(endpoint):
    assert get(endpoint, "SELEC ?x")[0] == 400
    assert request(endpoint, "GET", "/query")[0] == 400
    assert request(endpoint, "GET", "/elsewhere")[0] == 404
    assert request(endpoint, "POST", "/query", b"query", {"Content-Type": "text/plain"})[0] == 415


@pytest.mark.parametrize("raw", [b"BREW /query HTTP/1.1\r\n\r\n",
                                 b"GET /query?query=" + b"x" * 70_000 + b" HTTP/1.1\r\n\r\n",
                                 b"GET /query HTTP/1.1\r\nX: " + b"y" * 70_000 + b"\r\n\r\n"])
def test_malformed_http_is_answered_and_the_server_stays_up(endpoint, raw):
    with socket.create_connection(("127.0.0.1", endpoint.server_port), timeout=10) as connection:
        connection.sendall(raw)
        assert connection.recv(100).split(b" ")[1] in {b"400", b"414", b"431", b"501"}
    assert json.loads(get(endpoint, "ASK { ?s ?p ?o }")[2])["boolean"] is True


def test_keep_alive_connection_serves_many_queries(endpoint):
    connection = http.client.HTTPConnection("127.0.0.1", endpoint.server_port, timeout=10)
    try:
        for _ in range(5):
            connection.request("GET", f"/query?query={quote(RELEASED)}")
            response = connection.getresponse()
            assert response.status == 200 and b"R1" in response.read()
    finally:
        connection.close()


def test_answers_on_a_kept_alive_connection_do_not_wait_for_delayed_acks(endpoint):
    """With Nagle's algorithm on, each answer's body waited for the ACK of its head: 40 ms a query."""
    connection = http.client.HTTPConnection("127.0.0.1", endpoint.server_port, timeout=10)
    latencies = []
    try:
        for _ in range(20):
            started = time.perf_counter()
            connection.request("GET", f"/query?query={quote('ASK { ?s ?p ?o }')}")
            connection.getresponse().read()
            latencies.append(time.perf_counter() - started)
    finally:
        connection.close()
    assert sorted(latencies)[10] < 0.02


def test_small_load_has_no_failed_request(endpoint):
    result = run_load(endpoint.url, load_queries(), total=200, clients=20, time_limit=120)
    assert result.failures == [] and len(result.latencies) == 200


def test_open_store_errors(tmp_path):
    with pytest.raises(NotAStoreError, match="not a kg store"):
        open_store(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        open_store(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: cannot load"):
        open_store(bad)


def test_port_in_use_is_a_clear_error(endpoint, tmp_path):
    with pytest.raises(ServerError, match=f"cannot listen on 127.0.0.1:{endpoint.server_port}"):
        make_server(make_store(tmp_path), port=endpoint.server_port)


def test_cli_serves_an_rdf_file(tmp_path):
    turtle = tmp_path / "graph.ttl"
    turtle.write_text(TRIG.split("d:a {")[0], encoding="utf-8")
    with served(turtle) as url:
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1"
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", f"{parts.path}?query={quote(RELEASED)}", headers={"Accept": "text/csv"})
        response = connection.getresponse()
        assert response.status == 200 and response.read().decode().splitlines() == ["label", "R1"]
        connection.close()


def test_cli_serve_reports_a_missing_source(tmp_path):
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "nothing.ttl"), "--port", "0"])
    assert result.exit_code == 1 and "no such file" in result.output


@pytest.mark.parametrize("command", ["serve", "push"])
def test_help_has_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
    if command == "serve":
        assert "127.0.0.1" in result.output


@pytest.mark.model
def test_serving_the_seeds_answers_the_benchmark_queries(seeds_build):
    server = make_server(seeds_build.with_suffix(".ttl"), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        answers = [get(server, query) for query in load_queries()]
        assert all(status == 200 for status, _, _ in answers)
        by_name = dict(zip(sorted(p.stem for p in QUERIES_DIRECTORY.glob("*.rq")), answers, strict=True))
        assert json.loads(by_name["ask"][2])["boolean"] is True
        sentences = [b["sentence"]["value"] for b in json.loads(by_name["evidence"][2])["results"]["bindings"]]
        assert any("DeepSeek" in sentence and "R1" in sentence for sentence in sentences)
        assert len(Graph().parse(data=by_name["describe"][2].decode(), format="turtle")) > 0
    finally:
        server.shutdown()
        server.server_close()
