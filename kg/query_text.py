"""Checks of a SPARQL query's text made before any parser sees it: size, nesting depth, SERVICE.

Oxigraph's parser recurses once per nested group, bracket or parenthesis and overflows its stack (a
segmentation fault that kills the process) at about 2,000 levels; rdflib's gives up at about 35 with a
RecursionError. Both are refused here, by a scan that reads strings, IRIs, comments and names as the
SPARQL grammar does. The same scan finds the ``SERVICE`` keyword without a parser, so rdflib's slow
parser and its recursion limit no longer stand between a valid query and its answer.
"""

from __future__ import annotations

import re

from kg.errors import QueryRefusedError, QuerySyntaxError

MAX_QUERY_CHARACTERS = 1 << 20
MAX_QUERY_DEPTH = 100  # groups, brackets and parentheses inside one another; real queries use under 20
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# The tokens the scan must see whole, as the SPARQL grammar reads them; any other character is skipped.
_TOKEN = re.compile(
    r"""
      (?P<skip>
          '''(?:[^'\\]|\\.|'(?!''))*'''                   # long strings
        | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '(?:[^'\\\n\r]|\\.)*'                           # short strings
        | "(?:[^"\\\n\r]|\\.)*"
        | \#[^\n\r]*                                      # comments
        | [\w\-\u00B7]*:(?:[\w\-.:%\u00B7]|\\[_~.\-!$&'()*+,;=/?\#@%])*  # prefixed names, blank nodes
        | [?$][\w\u00B7]*                                  # variables
        | @[A-Za-z]+(?:-[A-Za-z0-9]+)*                    # language tags
      )
    | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
    | (?P<word>[\w\-\u00B7]+)                             # keywords, numbers
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    """,
    re.VERBOSE,
)


def check_query_text(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse a query too long or nested too deep for a parser, or one that uses ``SERVICE``.

    Raises:
        QuerySyntaxError: the query is over :data:`MAX_QUERY_CHARACTERS` or nests over :data:`MAX_QUERY_DEPTH`.
        QueryRefusedError: the query uses SERVICE (see :func:`uses_service`) and ``allow_service`` is false.

    Examples:
        >>> check_query_text("# ask the service desk\\nSELECT ?service WHERE { ?service a ex:Service }")
        >>> check_query_text("SELECT * WHERE " + "{" * 101 + "}" * 101)
        Traceback (most recent call last):
        kg.errors.QuerySyntaxError: the query nests groups, brackets or parentheses 101 deep; the limit is 100
    """
    if len(sparql) > MAX_QUERY_CHARACTERS:
        raise QuerySyntaxError(f"the query is {len(sparql):,} characters long; the limit is {MAX_QUERY_CHARACTERS:,}")
    depth = deepest_nesting(sparql)
    if depth > MAX_QUERY_DEPTH:
        raise QuerySyntaxError(
            f"the query nests groups, brackets or parentheses {depth} deep; the limit is {MAX_QUERY_DEPTH}"
        )
    if not allow_service and uses_service(sparql):
        raise QueryRefusedError(
            "SERVICE (federated query) is refused: kg sends no queries over the network unless --allow-service"
        )


def uses_service(sparql: str) -> bool:
    """Whether the query has the keyword ``SERVICE``, as Oxigraph reads it or after ``\\u`` escapes as rdflib does.

    The word in a string, an IRI, a comment, a variable or a prefixed name is no keyword; a bare word that
    holds it (``SERVICESILENT``) is taken for one.

    Examples:
        >>> uses_service("SELECT * WHERE { ?s ?p ?o .SERVICE <http://x/> { ?s ?p ?o } }")
        True
        >>> uses_service("SELECT * WHERE { \\\\u0053ERVICE <http://x/> { ?s ?p ?o } }")
        True
        >>> uses_service('SELECT * WHERE { ?s ex:service "service" } # service')
        False
    """
    unescaped = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return any(
        match.lastgroup == "word" and "service" in match.group().casefold()
        for text in {sparql, unescaped}
        for match in _TOKEN.finditer(text)
    )


def deepest_nesting(sparql: str) -> int:
    """How deep groups, brackets and parentheses nest, outside strings and comments.

    Parentheses and brackets inside what reads as an IRI count too: in ``?a<((1))>?b`` they are an
    expression's, not an IRI's.

    Examples:
        >>> deepest_nesting("SELECT * WHERE { { ?s ?p ?o FILTER(?o = '{{{') } } # {{{")
        3
    """
    bracketing = "".join(m.group() for m in _TOKEN.finditer(sparql) if m.lastgroup in {"open", "close", "iri"})
    depth = deepest = 0
    for character in bracketing:
        if character in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "})]":
            depth -= 1
    return deepest
