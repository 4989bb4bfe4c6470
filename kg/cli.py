"""The ``kg`` command line: thin typed commands over the library.

Errors are one line on stderr: exit 1 for input and output problems, 2 for usage and
query syntax; Ctrl-C prints ``kg: interrupted`` and exits 130. Progress and summaries go to
stderr, results to stdout. Each command imports the library modules it needs when it runs,
so ``kg --help`` imports no spaCy, rdflib or networkx.
"""

from __future__ import annotations

import atexit
import gc
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from kg import __version__
from kg.console import print_table, quiet_interrupts, report_change, report_notices, stderr, stdout
from kg.defaults import (
    BYTES_PER_MB,
    COLOR_MODES,
    DEFAULT_BASE,
    DEFAULT_HOST,
    DEFAULT_MAX_DOCUMENT_MB,
    DEFAULT_MAX_NODES,
    DEFAULT_MODEL,
    DEFAULT_PORT,
    DEFAULT_QUERY_SECONDS,
    QUERY_FORMATS,
    BuildOptions,
    PageOptions,
)
from kg.errors import KGError
from kg.exits import exit_interrupted
from kg.views import check_outputs, output_format, output_formats

if TYPE_CHECKING:
    from kg.gazetteer import Gazetteer
    from kg.ingest.reader import Notice
    from kg.store import StoreChange


class _Commands(TyperGroup):
    """kg's command group: Ctrl-C while a command reads its options, imports its libraries or works prints one line.

    It exits 130 (see :func:`kg.__main__.exit_interrupted`); typer alone would exit 130 without a word.
    """

    def make_context(self, *args: Any, **kwargs: Any) -> Any:  # typer's own (vendored) click context
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            exit_interrupted()

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            exit_interrupted()
        except KGError as error:  # the one place a kg error becomes a message and an exit code
            stderr.print(f"[bold red]kg: error:[/] {escape(str(error))}", markup=True, highlight=False)
            raise typer.Exit(error.exit_code) from None


# The process ends after its command: Python's last full garbage collection would walk every object the command made
# (a quarter of a second after building 600 articles) only for the system to free them all at once.
atexit.register(gc.freeze)

app = typer.Typer(
    cls=_Commands,
    name="kg",
    help="Build a knowledge graph from English news text, offline: entities, relations and the evidence for each.\n\n"
    "Example:  kg build seeds/ -o out/seeds   then   kg query out/seeds.ttl 'SELECT ?s ?o WHERE { ?s kg:released ?o }'",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        stdout.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """kg: offline knowledge graphs from news text."""


def _parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in output_formats()]
    if unknown or not formats:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(output_formats())}"
        )
    for name in formats:
        output_format(name).check_available()  # before a build, not after it
    return formats


@app.command("build")
def build_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Text, JSONL, HTML, PDF, feed and WARC files (docs/inputs.md), or folders.")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output prefix: writes PREFIX.ttl, PREFIX.html, ...")
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(output_formats())}.")
    ] = "ttl,html",
    model: Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    base: Annotated[
        str, typer.Option("--base", help="Base IRI for minted entity, document and fact IRIs.")
    ] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="spaCy worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="ADDRESS", help="Parse on the Dask cluster at this scheduler address."),
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option("--max-nodes", min=1, help="HTML page: show at most this many entities, most connected first."),
    ] = DEFAULT_MAX_NODES,
    color: Annotated[str, typer.Option("--color", help="HTML page: colour nodes by 'type' or 'community'.")] = "type",
    gazetteer: Annotated[list[Path] | None, GAZETTEER_OPTION] = None,
    no_gazetteer: Annotated[bool, NO_GAZETTEER_OPTION] = False,
    infer: Annotated[
        bool, typer.Option("--infer", help="Add what the ontology entails (OWL-RL: inverses, superclass types).")
    ] = False,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into", help="Add the documents to this store (created if absent); unchanged ones are skipped."
        ),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="With --into: wait while another process writes the store.")
    ] = False,
    max_document_mb: Annotated[
        int,
        typer.Option(
            "--max-document-mb", min=1, help="Skip, unread, any input file or JSONL line larger than this (MB)."
        ),
    ] = DEFAULT_MAX_DOCUMENT_MB,
) -> None:
    """Build a knowledge graph from documents and write it (Turtle and HTML by default, plus PREFIX.merges.tsv), or add them to a store.

    Example:  kg build seeds/ -o out/seeds --format ttl,trig,graphml,html --max-nodes 300   or   kg build more/ --into out/store
    """  # noqa: E501 - kg --help shows each line as it is
    from kg.ingest.reader import Skipped, count_documents
    from kg.pipeline import build
    from kg.store import add_documents
    from kg.views import write_views

    chosen = _parse_formats(formats)
    chosen += [] if "merges" in chosen else ["merges"]
    destination = output if output is not None else into
    if destination is None:
        raise typer.BadParameter("give --output PREFIX, --into STORE, or both")
    if into is not None and (dask is not None or gazetteer or no_gazetteer):
        raise typer.BadParameter(
            "--into uses the shipped gazetteer and local processes: drop --dask/--gazetteer/--no-gazetteer"
        )
    if color not in COLOR_MODES:
        raise typer.BadParameter(f"choose {' or '.join(COLOR_MODES)}", param_hint="--color")
    if output is not None:
        check_outputs(output, chosen)
    known_names = _gazetteer(gazetteer, no_gazetteer)  # a bad gazetteer fails before any parsing
    page = PageOptions(max_nodes=max_nodes, color=color, title=f"{destination.name} — knowledge graph")
    notices: list[Notice] = []
    started = time.perf_counter()
    change: StoreChange | None = None
    options = BuildOptions(
        model=model, base=base, batch_size=batch_size, n_process=jobs, dask_address=dask,
        max_document_bytes=max_document_mb * BYTES_PER_MB,
    )
    try:
        with quiet_interrupts():
            with Progress(
                TextColumn("[bold]parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=stderr, transient=True, disable=not stderr.is_terminal,  # logs get no blank line
            ) as progress:
                task = progress.add_task("documents", total=count_documents(paths) or None)
                callbacks = {"on_skip": notices.append, "on_document": lambda _doc: progress.advance(task)}
                if into is not None:
                    change = add_documents(into, paths, options, wait=wait, **callbacks)
                    graph = change.store_graph()
                else:
                    graph = build(paths, options, gazetteer=known_names, **callbacks)
            written = write_views(graph, output, chosen, page=page, infer=infer) if output is not None else []
    finally:
        report_notices(notices)
    skipped = sum(isinstance(notice, Skipped) for notice in notices)
    seconds = time.perf_counter() - started
    stderr.print(
        f"built {len(graph.documents)} documents, {graph.graph.number_of_nodes()} entities, "
        f"{graph.graph.number_of_edges()} relations in {seconds:.1f} s"
        + (f"; skipped {skipped} (listed above)" if skipped else ""),
        highlight=False,
    )
    if change is not None:
        report_change(destination, change)
    for path in written:
        stderr.print(f"  wrote {path}", highlight=False)


@app.command("remove")
def remove_command(
    store: Annotated[Path, typer.Argument(help="A store directory written by kg build --into.")],
    doc_ids: Annotated[list[str], typer.Argument(help="Ids of the documents to retract.")],
    wait: Annotated[bool, typer.Option("--wait", help="Wait while another process writes the store.")] = False,
) -> None:
    """Retract documents from a store; facts that other documents also support stay, with their other evidence.

    Example:  kg remove out/store bbc/tech/001.txt
    """
    from kg.store import remove_documents

    change = remove_documents(store, doc_ids, wait=wait)
    report_change(store, change)


@app.command("export")
def export_command(
    store: Annotated[Path, typer.Argument(help="A store directory written by kg build --into.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output prefix: writes PREFIX.ttl, PREFIX.nt, ...")],
    formats: Annotated[
        str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(output_formats())}.")
    ] = "ttl",
) -> None:
    """Write a store's graph as files: the same files kg build -o PREFIX writes for the same documents.

    Example:  kg export out/store -o out/all --format ttl,nt,html
    """
    from kg.store import load_store_graph
    from kg.views import write_views

    chosen = _parse_formats(formats)
    check_outputs(output, chosen)
    written = write_views(load_store_graph(store), output, chosen)
    for path in written:
        stderr.print(f"  wrote {path}", highlight=False)


GAZETTEER_OPTION = typer.Option(
    "--gazetteer", help="A gazetteer YAML file of aliases, forced types and names to ignore (repeatable; "
    "format in ontologies/gazetteer.md)."
)
NO_GAZETTEER_OPTION = typer.Option("--no-gazetteer", help="Use no gazetteer at all, neither the shipped one nor yours.")


def _gazetteer(files: list[Path] | None, off: bool) -> Gazetteer | None:
    """The gazetteer the options ask for; ``None`` means the shipped one."""
    from kg.gazetteer import load_gazetteer

    if off:
        return load_gazetteer(shipped=False)
    return load_gazetteer(files) if files else None



@app.command("query")
def query_command(
    graph_file: Annotated[
        Path | None,
        typer.Argument(help="An RDF file written by kg build (.ttl, .trig, .nt, .nq, .jsonld) or a store directory."),
    ] = None,
    sparql: Annotated[
        str | None, typer.Argument(help="The SPARQL query (kg:, schema:, rdfs:, ... predeclared).")
    ] = None,
    query_file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")] = None,
    example: Annotated[str | None, typer.Option("--example", "-e", help="Run a named example query.")] = None,
    list_examples_flag: Annotated[
        bool, typer.Option("--list-examples", help="List the example queries and exit.")
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", help="table, csv, tsv, json (SPARQL results) or ttl (graphs).")
    ] = "table",
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.001, help="Stop the query after SECONDS.")] = None,
    limit_rows: Annotated[int, typer.Option("--limit-rows", min=0, help="Rows shown in a table (0: all).")] = 1000,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Let SERVICE query remote endpoints.")] = False,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a graph file and print the results.

    Example:  kg query out/seeds.ttl --example released   or   kg query out/seeds.ttl 'SELECT ?s WHERE { ?s kg:released ?o }'
    """  # noqa: E501 - kg --help shows each line as it is
    from functools import partial

    from kg.query import example_query, format_result, list_examples, run_query, run_query_in_worker
    from kg.store import open_store_graph
    from kg.views.rdf import load_graph

    if list_examples_flag:
        for name, description in list_examples().items():
            stdout.print(f"{name:20} {description}", highlight=False)
        return
    if output_format not in QUERY_FORMATS:
        raise typer.BadParameter(f"choose {', '.join(QUERY_FORMATS)}", param_hint="--format")
    if graph_file is None or [sparql, query_file, example].count(None) != 2:
        raise typer.BadParameter("give a graph file and one query: as an argument, with --file or with --example")
    text = example_query(example) if example else sparql if sparql is not None else _read_query(query_file)
    open_graph = partial(open_store_graph if graph_file.is_dir() else load_graph, graph_file)
    result = (run_query(open_graph(), text, allow_service=allow_service) if timeout is None
              else run_query_in_worker(open_graph, text, allow_service=allow_service, timeout=timeout))
    if output_format == "table" and result.kind == "select":
        print_table(result, limit_rows)
    else:
        sys.stdout.write(format_result(result, output_format))


def _read_query(path: Path | None) -> str:
    from kg.errors import InputError

    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query: {exc}") from exc


@app.command("validate")
def validate_command(
    graph_file: Annotated[
        Path, typer.Argument(help="An RDF file written by kg build (.ttl, .trig, .nt, .nq, .jsonld).")
    ],
    shapes: Annotated[
        Path | None, typer.Option("--shapes", help="SHACL shapes file (default: kg's shapes.ttl).")
    ] = None,
) -> None:
    """Check a graph against kg's SHACL shapes and ontology; exit 0 if it conforms, 1 if not.

    Example:  kg validate out/seeds.ttl
    """
    from kg.validate import format_report, validate_graph
    from kg.views.rdf import load_graph

    report = validate_graph(load_graph(graph_file), shapes, source=graph_file)
    sys.stdout.write(format_report(report, graph_file))
    if not report.conforms:
        raise typer.Exit(1)


@app.command("serve")
def serve_command(
    source: Annotated[
        Path, typer.Argument(help="A kg store directory, or an RDF file (.ttl, .trig, .nt, .nq, .jsonld).")
    ],
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; other than loopback exposes it.")
    ] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="TCP port (0 picks a free one).")
    ] = DEFAULT_PORT,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Stop a query after SECONDS (503).")
    ] = DEFAULT_QUERY_SECONDS,
) -> None:
    """Serve a store or RDF file as a read-only SPARQL endpoint at http://HOST:PORT/query.

    Example:  kg serve out/seeds.ttl --port 7878   then   curl 'http://127.0.0.1:7878/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'
    """
    from kg.serve import make_server

    server = make_server(source, host, port, max_query_seconds=timeout, access_log=sys.stderr)
    if host not in {"127.0.0.1", "::1", "localhost"}:
        stderr.print(f"[yellow]kg: warning:[/] listening on {host}: other machines can query it (read-only, no login)")
    stderr.print(f"serving {source} read-only at {server.url} (Ctrl-C stops)", highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@app.command("push")
def push_command(
    source: Annotated[
        Path, typer.Argument(help="A kg store directory, or an RDF file (.ttl, .trig, .nt, .nq, .jsonld).")
    ],
    endpoint: Annotated[str, typer.Option("--endpoint", "-e", help="SPARQL 1.1 Graph Store Protocol URL.")],
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds to wait on each request.")] = 60.0,
) -> None:
    """Load the graph into a triple store over the Graph Store Protocol: one named graph per document, plus the default graph.

    Example:  kg push out/store --endpoint http://127.0.0.1:7878/store
    """  # noqa: E501 - kg --help shows each line as it is
    from kg.push import push
    from kg.store import open_store

    pushed = push(open_store(source), endpoint, timeout=timeout)
    stderr.print(
        f"pushed {len(pushed)} graphs, {sum(g.triples for g in pushed)} triples to {endpoint}", highlight=False
    )


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Text, JSONL, HTML, PDF, feed and WARC files (docs/inputs.md), or folders.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The JSON Lines file to write.")],
    model: Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    base: Annotated[str, typer.Option("--base", help="Base IRI for minted entity IRIs.")] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="spaCy worker processes.")] = 1,
    gazetteer: Annotated[list[Path] | None, GAZETTEER_OPTION] = None,
    no_gazetteer: Annotated[bool, NO_GAZETTEER_OPTION] = False,
) -> None:
    """Write every entity mention and relation mention as JSON Lines, with resolved entity IRIs.

    Example:  kg extract seeds/ -o out/seeds.jsonl
    """
    from kg.fileio import write_jsonl
    from kg.pipeline import extract_records

    notices: list[Notice] = []
    try:
        records = extract_records(
            paths, BuildOptions(model=model, base=base, n_process=jobs), on_skip=notices.append,
            gazetteer=_gazetteer(gazetteer, no_gazetteer),
        )
        count = write_jsonl(output, records)
    finally:
        report_notices(notices)
    stderr.print(f"wrote {count} records to {output}", highlight=False)


@app.command("eval")
def eval_command(
    benchmark: Annotated[str, typer.Argument(help="The benchmark format: conll04.")],
    data: Annotated[Path, typer.Argument(help="A benchmark file, e.g. conll04_dev.json.")],
    model: Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[Path | None, typer.Option("--errors", help="Also write every error as TSV here.")] = None,
) -> None:
    """Score extraction on annotated data: per-label and micro precision, recall and F1.

    Example:  kg eval conll04 ../shared/benchmarks/conll04/conll04_dev.json --json
    """
    from kg.evaluate import error_lines, evaluate_conll04, load_conll04
    from kg.fileio import atomic_write_text

    if benchmark != "conll04":
        raise typer.BadParameter("the only benchmark format is conll04", param_hint="BENCHMARK")
    evaluation = evaluate_conll04(data, model=model)
    if errors is not None:
        atomic_write_text(errors, "".join(f"{line}\n" for line in error_lines(evaluation, load_conll04(data))))
    if as_json:
        sys.stdout.write(json.dumps(evaluation.as_dict(), indent=2) + "\n")
        return
    for title, scores in (("entities", evaluation.entities), ("relations", evaluation.relations)):
        table = Table(
            "label", "gold", "predicted", "correct", "P", "R", "F1", title=f"{title} ({evaluation.sentences} sentences)"
        )
        for s in scores:
            table.add_row(
                s.label, str(s.gold), str(s.predicted), str(s.correct),
                f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
            )
        stdout.print(table)
