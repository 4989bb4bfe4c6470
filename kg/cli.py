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
from kg.query import OUTPUT_FORMATS as QUERY_FORMATS
from kg.query import QueryResult, compact, example_query, format_result, list_examples, run_query
from kg.rdf import load_graph
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
    output: Annotated[Path, typer.Option("--output", "-o", help="Output prefix: writes PREFIX.ttl, PREFIX.html, ...")],
    formats: Annotated[str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(OUTPUT_FORMATS)}.")] = "ttl,html",
    model: Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    base: Annotated[str, typer.Option("--base", help="Base IRI for minted entity, document and fact IRIs.")] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="spaCy worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
    infer: Annotated[
        bool, typer.Option("--infer", help="Add what the ontology entails (OWL-RL: inverses, superclass types).")
    ] = False,
) -> None:
    """Build a knowledge graph from documents and write it (Turtle and HTML by default).

    Example:  kg build seeds/ -o out/seeds --format ttl,trig,nq,jsonld,graphml,html --infer
    """
    chosen = _parse_formats(formats)
    skipped: list[Skipped] = []
    started = time.perf_counter()
    try:
        with Progress(
            TextColumn("[bold]parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=stderr, transient=True,
        ) as progress:
            task = progress.add_task("documents", total=count_documents(paths) or None)
            graph = build(
                paths, model=model, base=base, n_process=jobs, batch_size=batch_size,
                on_skip=skipped.append, on_document=lambda _doc: progress.advance(task),
            )
        written = write_outputs(graph, output, chosen, infer_rdf=infer)
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
    for path in written:
        stderr.print(f"  wrote {path}", highlight=False)


def _report_skipped(skipped: list[Skipped]) -> None:
    for item in skipped:
        stderr.print(f"[yellow]kg: skipped[/] {item}", highlight=False)


@app.command("query")
def query_command(
    graph_file: Annotated[
        Optional[Path], typer.Argument(help="An RDF file written by kg build (.ttl, .trig, .nt, .nq, .jsonld).")
    ] = None,
    sparql: Annotated[Optional[str], typer.Argument(help="The SPARQL query (kg:, schema:, rdfs:, ... predeclared).")] = None,
    query_file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from this .rq file.")] = None,
    example: Annotated[Optional[str], typer.Option("--example", "-e", help="Run a named example query.")] = None,
    list_examples_flag: Annotated[bool, typer.Option("--list-examples", help="List the example queries and exit.")] = False,
    output_format: Annotated[str, typer.Option("--format", help="table, csv, tsv, json (SPARQL results) or ttl (graphs).")] = "table",
    timeout: Annotated[Optional[float], typer.Option("--timeout", min=0.001, help="Stop the query after SECONDS.")] = None,
    limit_rows: Annotated[int, typer.Option("--limit-rows", min=0, help="Rows shown in a table (0: all).")] = 1000,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Let SERVICE query remote endpoints.")] = False,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a graph file and print the results.

    Example:  kg query out/seeds.ttl --example released   or   kg query out/seeds.ttl 'SELECT ?s WHERE { ?s kg:released ?o }'
    """
    if list_examples_flag:
        for name, description in list_examples().items():
            stdout.print(f"{name:20} {description}", highlight=False)
        return
    if output_format not in QUERY_FORMATS:
        raise typer.BadParameter(f"choose {', '.join(QUERY_FORMATS)}", param_hint="--format")
    if graph_file is None or [sparql, query_file, example].count(None) != 2:
        raise typer.BadParameter("give a graph file and one query: as an argument, with --file or with --example")
    try:
        text = example_query(example) if example else sparql if sparql is not None else _read_query(query_file)
        result = run_query(load_graph(graph_file), text, allow_service=allow_service, timeout=timeout)
        if output_format == "table" and result.kind == "select":
            _print_table(result, limit_rows)
        else:
            sys.stdout.write(format_result(result, output_format))
    except KGError as error:
        raise _fail(error) from None


def _read_query(path: Path | None) -> str:
    from kg.errors import InputError

    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query: {exc}") from exc


def _print_table(result: QueryResult, limit_rows: int) -> None:
    shown = result.rows if limit_rows == 0 else result.rows[:limit_rows]
    table = Table(*result.variables, show_lines=False)
    for row in shown:
        table.add_row(*(compact(value) for value in row))
    stdout.print(table)
    left_out = len(result) - len(shown)
    note = f"; {left_out} more rows left out (raise --limit-rows, 0 for all, or use --format csv)" if left_out else ""
    stderr.print(f"{len(result)} rows{note}", highlight=False)


@app.command("validate")
def validate_command(
    graph_file: Annotated[Path, typer.Argument(help="An RDF file written by kg build (.ttl, .trig, .nt, .nq, .jsonld).")],
    shapes: Annotated[Optional[Path], typer.Option("--shapes", help="SHACL shapes file (default: kg's shapes.ttl).")] = None,
) -> None:
    """Check a graph against kg's SHACL shapes and ontology; exit 0 if it conforms, 1 if not.

    Example:  kg validate out/seeds.ttl
    """
    from kg.validate import format_report, validate_graph

    try:
        report = validate_graph(load_graph(graph_file), shapes)
    except KGError as error:
        raise _fail(error) from None
    sys.stdout.write(format_report(report, graph_file))
    if not report.conforms:
        raise typer.Exit(1)
