"""Output formats: a registry of short names to writers, loaded only when used (in the manner of rdflib's plugins).

A writer is a function in a module of this package. A ``text`` writer takes ``(context, name)`` and
returns the file's text; a ``path`` writer takes ``(context, name, target)`` and creates a file or folder
at ``target`` (a fresh temporary path, moved into place when complete). A new format is one
:func:`register` line below and one module.

Examples:
    >>> output_format("merges").suffix
    'merges.tsv'
    >>> "ttl" in output_formats() and "html" in output_formats()
    True
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.defaults import PageOptions
from kg.errors import MissingDependencyError, UsageError
from kg.fileio import atomic_path, atomic_write_text
from kg.views.context import ViewContext

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

WriterKind = Literal["text", "path"]


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its short name, where its writer lives, the file suffix, and what the writer makes."""

    name: str
    module: str
    function: str
    suffix: str
    kind: WriterKind = "text"
    rdf: bool = False
    requires: str = ""
    """The optional library the writer imports, installed by the pip extra of the same name ("" for none)."""

    def writer(self) -> Callable[..., Any]:
        """The writer function, imported on first use."""
        return getattr(importlib.import_module(self.module), self.function)  # type: ignore[no-any-return]

    def check_available(self) -> None:
        """Refuse the format early when its optional library is not installed.

        Raises:
            MissingDependencyError: the library is missing (the message says what to pip install).
        """
        if self.requires and importlib.util.find_spec(self.requires) is None:
            raise MissingDependencyError(install_hint(self.name, self.requires))


def install_hint(name: str, requires: str) -> str:
    """The one-line message for format ``name`` whose optional library ``requires`` is missing.

    Examples:
        >>> install_hint("ladybug", "ladybug")
        "--format ladybug needs the optional library ladybug: pip install 'offline-kg[ladybug]'"
    """
    return f"--format {name} needs the optional library {requires}: pip install 'offline-kg[{requires}]'"


_FORMATS: dict[str, OutputFormat] = {}


def register(
    name: str,
    module: str,
    function: str,
    *,
    suffix: str | None = None,
    kind: WriterKind = "text",
    rdf: bool = False,
    requires: str = "",
) -> None:
    """Register the output format ``name``, written by ``module.function`` to ``PREFIX.<suffix>``.

    ``requires`` names the optional library the writer needs, checked before anything is written.
    """
    _FORMATS[name] = OutputFormat(name, module, function, suffix or name, kind, rdf, requires)


def output_formats() -> tuple[str, ...]:
    """The registered format names, in registration order."""
    return tuple(_FORMATS)


def rdf_formats() -> tuple[str, ...]:
    """The registered formats that are RDF serialisations."""
    return tuple(name for name, fmt in _FORMATS.items() if fmt.rdf)


def output_format(name: str) -> OutputFormat:
    """The format registered as ``name``.

    Raises:
        UsageError: no format has that name.
    """
    try:
        return _FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown output format {name!r}; choose from {', '.join(_FORMATS)}") from None


def output_path(prefix: Path, name: str) -> Path:
    """Where format ``name`` is written for ``prefix``: ``PREFIX.<suffix>``."""
    return prefix.with_name(f"{prefix.name}.{output_format(name).suffix}")


def check_outputs(prefix: str | Path, formats: Iterable[str]) -> Path:
    """Check before any work that every ``PREFIX.<suffix>`` can be written; return the prefix.

    Examples:
        >>> check_outputs("/", ["ttl"])
        Traceback (most recent call last):
        ...
        kg.errors.UsageError: --output '/' names no file: give a prefix such as out/graph

    Raises:
        UsageError: the prefix names no file (``.``, ``/``, empty), a folder on its way is a file,
            or an output path is a folder; or a format is unknown.
    """
    prefix = Path(prefix)
    if prefix.name in {"", ".", ".."}:
        raise UsageError(f"--output {str(prefix)!r} names no file: give a prefix such as out/graph")
    for ancestor in reversed(prefix.parents):
        if ancestor.exists() and not ancestor.is_dir():
            raise UsageError(f"--output {prefix}: {ancestor} is a file, not a folder")
    for name in formats:
        path = output_path(prefix, name)
        if output_format(name).kind == "text" and path.is_dir():
            raise UsageError(f"--output {prefix}: {path} is a folder; kg writes a file there")
    return prefix


def render_view(context: ViewContext, name: str) -> str:
    """The text of the text format ``name``.

    Raises:
        UsageError: ``name`` is unknown or is not written as text.
    """
    fmt = output_format(name)
    if fmt.kind != "text":
        raise UsageError(f"output format {name!r} is written as a file or folder, not as text")
    return fmt.writer()(context, name)  # type: ignore[no-any-return]


def write_views(
    graph: KnowledgeGraph,
    prefix: str | Path,
    formats: Iterable[str] = ("ttl", "html"),
    *,
    page: PageOptions | None = None,
    infer: bool = False,
) -> list[Path]:
    """Write ``PREFIX.<suffix>`` for each format, each atomically; return the paths written.

    With ``infer`` the RDF outputs also hold what the ontology entails (OWL-RL).

    Raises:
        UsageError: a format is unknown.
        MissingDependencyError: a format needs an optional library that is not installed (nothing is written).
        OutputError: an output could not be written.
    """
    formats = list(formats)
    prefix = check_outputs(prefix, formats)
    chosen = [output_format(name) for name in formats]
    for fmt in chosen:
        fmt.check_available()
    context = ViewContext(graph, page or PageOptions(), infer)
    written = []
    for fmt in chosen:
        path = output_path(prefix, fmt.name)
        if fmt.kind == "text":
            atomic_write_text(path, fmt.writer()(context, fmt.name))
        else:
            with atomic_path(path) as target:
                fmt.writer()(context, fmt.name, target)
        written.append(path)
    return written


for _name in ("ttl", "trig", "nt", "nq", "jsonld"):
    register(_name, "kg.views.rdf", "rdf_text", rdf=True)
register("graphml", "kg.views.graphml", "graphml_text")
register("json", "kg.views.graphml", "node_link_text")
register("html", "kg.views.html", "html_page")
register("merges", "kg.views.merges", "merges_tsv", suffix="merges.tsv")
register("csv", "kg.views.csvfiles", "csv_folder", kind="path")
register("neo4j", "kg.views.neo4j", "neo4j_folder", kind="path")
register("ladybug", "kg.views.ladybug", "ladybug_database", kind="path", requires="ladybug")
