"""Run ``kg build`` in this process and pause at a chosen point, so a test can kill it there.

Usage: ``python tests/build_until.py POINT [--real-model] BUILD_ARGS...`` where POINT is
``parse`` (the first document is being parsed), ``write`` (a temporary output file is
written, not yet renamed), ``between`` (the first output is renamed into place, the next
not yet written) or ``end`` (no pause). At the point it prints ``PAUSED`` on stdout and
sleeps. Without ``--real-model`` a blank spaCy pipeline stands in for the model (fast).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def pause() -> None:
    # one write of the whole line: two worker processes pausing at once must not interleave "PAUSED" and "\n"
    # (print writes the text and its end separately)
    sys.stdout.write("PAUSED\n")
    sys.stdout.flush()
    time.sleep(120)


def pause_after_first(function: Any) -> Any:
    """``function``, pausing the process after its first call returns."""
    calls = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        if not calls:
            calls.append(1)
            pause()
        return result

    return wrapper


def main(point: str, args: list[str]) -> None:
    import spacy
    from spacy.language import Language

    from kg import parse
    if "--real-model" in args:
        args.remove("--real-model")
        nlp = parse.load_pipeline()
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    parse.load_pipeline = lambda name=None: nlp
    if point == "parse":
        Language.component("pause_on_first_document", func=pause_after_first(lambda doc: doc))
        nlp.add_pipe("pause_on_first_document")
    elif point == "write":
        os.fsync = pause_after_first(os.fsync)  # atomic_write_text: temporary file written and synced
    elif point == "between":
        os.replace = pause_after_first(os.replace)  # the first output renamed into place
    from kg.cli import app

    app(args, prog_name="kg")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
