"""The ``kg`` command line: thin typed commands over the library.

Errors are one line on stderr: exit 1 for input and output problems, 2 for usage and
query syntax. Progress and summaries go to stderr, results to stdout.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import __version__
from kg.build import OUTPUT_FORMATS, build, write_outputs
from kg.errors import KGError
from kg.ingest import Skipped, count_documents
from kg.nlp import DEFAULT_MODEL
from kg.query import QueryResult, compact, format_result, run_query
from kg.rdf import load_graph
from kg.store import StoreChange, add_documents, load_store_graph, open_store_graph, remove_documents
from kg.vocab import DEFAULT_BASE

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph from English news text, offline: entities, relations and the evidence for each.\n\n"
    "Example:  kg build seeds/ -o out/seeds   then   kg query out/seeds.ttl 'SELECT ?s ?o WHERE { ?s kg:released ?o }'",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, soft_wrap=True)
stdout = Console(soft_wrap=True)


def _fail(error: KGError) -> typer.Exit:
    stderr.print(f"[bold red]kg: error:[/] {error}", markup=True, highlight=False)
    return typer.Exit(error.exit_code)


def _version(value: bool) -> None:
    if value:
        stdout.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """kg: offline knowledge graphs from news text."""


def _parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in OUTPUT_FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(OUTPUT_FORMATS)}")
    return formats


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Text files (.txt, .md), folders, or .jsonl files of {id, text}.")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Output prefix: writes PREFIX.ttl, PREFIX.html, ...")
    ] = None,
    formats: Annotated[str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(OUTPUT_FORMATS)}.")] = "ttl,html",
    model: Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    base: Annotated[str, typer.Option("--base", help="Base IRI for minted entity, document and fact IRIs.")] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="spaCy worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
    into: Annotated[
        Optional[Path], typer.Option("--into", help="Add the documents to this store (created if absent); unchanged ones are skipped.")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="With --into: wait while another process writes the store.")] = False,
) -> None:
    """Build a knowledge graph from documents and write it (Turtle and HTML by default), or add them to a store.

    Example:  kg build seeds/ -o out/seeds --format ttl,trig,html   or   kg build more/ --into out/store
    """
    chosen = _parse_formats(formats)
    if output is None and into is None:
        raise typer.BadParameter("give --output PREFIX, --into STORE, or both")
    skipped: list[Skipped] = []
    started = time.perf_counter()
    try:
        with Progress(
            TextColumn("[bold]parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=stderr, transient=True,
        ) as progress:
            task = progress.add_task("documents", total=count_documents(paths) or None)
            options = dict(
                model=model, base=base, n_process=jobs, batch_size=batch_size,
                on_skip=skipped.append, on_document=lambda _doc: progress.advance(task),
            )
            change = None if into is None else add_documents(into, paths, wait=wait, **options)
            graph = build(paths, **options) if change is None else change.graph
        written = write_outputs(graph, output, chosen) if output is not None else []
    except KGError as error:
        _report_skipped(skipped)
        raise _fail(error) from None
    _report_skipped(skipped)
    seconds = time.perf_counter() - started
    stderr.print(
        f"built {len(graph.documents)} documents, {graph.graph.number_of_nodes()} entities, "
        f"{graph.graph.number_of_edges()} relations in {seconds:.1f} s"
        + (f"; skipped {len(skipped)}" if skipped else ""),
        highlight=False,
    )
    if change is not None:
        _report_change(into, change)
    for path in written:
        stderr.print(f"  wrote {path}", highlight=False)


def _report_change(store: Path, change: StoreChange) -> None:
    counts = {"added": change.added, "replaced": change.replaced, "unchanged (skipped)": change.unchanged,
              "removed": change.removed, "not in the store": change.missing}
    summary = ", ".join(f"{len(ids)} {what}" for what, ids in counts.items() if ids) or "no change"
    stderr.print(f"  store {store}: {summary}", highlight=False)


@app.command("remove")
def remove_command(
    store: Annotated[Path, typer.Argument(help="A store directory written by kg build --into.")],
    doc_ids: Annotated[list[str], typer.Argument(help="Ids of the documents to retract.")],
    wait: Annotated[bool, typer.Option("--wait", help="Wait while another process writes the store.")] = False,
) -> None:
    """Retract documents from a store; facts that other documents also support stay, with their other evidence.

    Example:  kg remove out/store bbc/tech/001.txt
    """
    try:
        change = remove_documents(store, doc_ids, wait=wait)
    except KGError as error:
        raise _fail(error) from None
    _report_change(store, change)


@app.command("export")
def export_command(
    store: Annotated[Path, typer.Argument(help="A store directory written by kg build --into.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output prefix: writes PREFIX.ttl, PREFIX.nt, ...")],
    formats: Annotated[str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(OUTPUT_FORMATS)}.")] = "ttl",
) -> None:
    """Write a store's graph as files: the same files kg build -o PREFIX writes for the same documents.

    Example:  kg export out/store -o out/all --format ttl,nt,html
    """
    chosen = _parse_formats(formats)
    try:
        written = write_outputs(load_store_graph(store), output, chosen)
    except KGError as error:
        raise _fail(error) from None
    for path in written:
        stderr.print(f"  wrote {path}", highlight=False)


def _report_skipped(skipped: list[Skipped]) -> None:
    for item in skipped:
        stderr.print(f"[yellow]kg: skipped[/] {item}", highlight=False)


@app.command("query")
def query_command(
    graph_file: Annotated[
        Path, typer.Argument(help="An RDF file written by kg build (.ttl, .trig, .nt, .nq, .jsonld) or a store directory.")
    ],
    sparql: Annotated[Optional[str], typer.Argument(help="The SPARQL query (kg:, schema:, rdfs:, ... predeclared).")] = None,
    query_file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from this .rq file.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, csv, tsv or json.")] = "table",
) -> None:
    """Run a SPARQL query over a graph file and print the results.

    Example:  kg query out/seeds.ttl 'SELECT ?who ?what WHERE { ?w kg:released ?p . ?w rdfs:label ?who . ?p rdfs:label ?what }'
    """
    if output_format not in {"table", "csv", "tsv", "json"}:
        raise typer.BadParameter("choose table, csv, tsv or json", param_hint="--format")
    if (sparql is None) == (query_file is None):
        raise typer.BadParameter("give the query as an argument or with --file, not both")
    try:
        text = sparql if sparql is not None else _read_query(query_file)
        graph = open_store_graph(graph_file) if graph_file.is_dir() else load_graph(graph_file)
        result = run_query(graph, text)
    except KGError as error:
        raise _fail(error) from None
    if output_format == "table" and result.kind == "select":
        _print_table(result)
    else:
        sys.stdout.write(format_result(result, "csv" if output_format == "table" else output_format))


def _read_query(path: Path | None) -> str:
    from kg.errors import InputError

    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query: {exc}") from exc


def _print_table(result: QueryResult) -> None:
    table = Table(*result.variables, show_lines=False)
    for row in result.rows:
        table.add_row(*(compact(value) for value in row))
    stdout.print(table)
    stderr.print(f"{len(result)} rows", highlight=False)
