"""Gazetteers: lists of known names with their class and aliases, kept as YAML data.

kg ships one (``kg/patterns/gazetteer/places.yaml``: countries with their aliases and
demonyms, regions, major cities); users add their own to fix the output (extra aliases,
forced classes, names to ignore). The format is documented in ``ontologies/gazetteer.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError, InputError, VocabularyError
from kg.fileio import read_yaml
from kg.names import canonical_key
from kg.vocab import term

SHIPPED = (Path(__file__).resolve().parent / "patterns" / "gazetteer" / "places.yaml",)
LIST_SECTIONS = {"countries": "Country", "cities": "City", "areas": "Place"}


@dataclass(frozen=True)
class Gazetteer:
    """Known names, indexed by canonical key.

    ``types`` holds the class of each known name and alias; ``canonical`` maps an alias key
    to its entity's key; ``forced`` are keys whose class a user fixed (it overrides any vote);
    ``ignore`` are keys that are never entities; ``demonyms`` map a folded adjective of
    nationality ("chinese") to its country's key.
    """

    types: dict[str, str] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    forced: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    demonyms: dict[str, str] = field(default_factory=dict)

    def key(self, text: str) -> str:
        """The canonical key of a surface form, following the gazetteer's aliases."""
        key = canonical_key(text)
        return self.canonical.get(key, key)

    def type_of(self, text: str) -> str | None:
        """The class the gazetteer gives a surface form, if it knows it."""
        return self.types.get(self.key(text))

    def knows_apart(self, first: str, second: str) -> bool:
        """Whether the gazetteer knows both surface forms, as two different things ("Asia", "Singapore")."""
        first_key, second_key = self.key(first), self.key(second)
        return first_key != second_key and first_key in self.types and second_key in self.types

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer with ``other``'s entries added on top (``other`` wins on conflicts)."""
        return Gazetteer(
            {**self.types, **other.types},
            {**self.canonical, **other.canonical},
            {**self.labels, **other.labels},
            self.forced | other.forced,
            self.ignore | other.ignore,
            {**self.demonyms, **other.demonyms},
        )


EMPTY = Gazetteer()


def load_gazetteer(user_files: Iterable[Path] = (), *, shipped: bool = True) -> Gazetteer:
    """The shipped gazetteer (unless ``shipped`` is false) with the user's files on top.

    Raises:
        InputError: a user file cannot be read or is malformed (the message names it).
    """
    gazetteer = shipped_gazetteer() if shipped else EMPTY
    for path in user_files:
        gazetteer = gazetteer.merged(read_gazetteer(Path(path), user=True))
    return gazetteer


@cache
def shipped_gazetteer() -> Gazetteer:
    """The gazetteer files that ship with kg, merged."""
    gazetteer = EMPTY
    for path in SHIPPED:
        gazetteer = gazetteer.merged(read_gazetteer(path, user=False))
    return gazetteer


def read_gazetteer(path: Path, *, user: bool) -> Gazetteer:
    """Read one gazetteer file; a user file's classes are forced, the shipped ones are votes."""
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise DataFileError(
            f"{path}: a gazetteer is a mapping with entities, ignore, ... (see ontologies/gazetteer.md)"
        )
    try:
        return _parse(data, path, user)
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        raise DataFileError(f"{path}: malformed gazetteer entry: {exc!r}") from exc


def _parse(data: dict[str, Any], path: Path, user: bool) -> Gazetteer:
    entries: list[tuple[str, str | None, list[str]]] = []
    for item in data.get("entities") or []:
        entries.append((str(item["name"]), item.get("type"), [str(a) for a in item.get("aliases") or []]))
    for section, section_type in LIST_SECTIONS.items():
        entries.extend((str(name), section_type, []) for name in data.get(section) or [])
    entries.extend(
        (str(name), "Place", [str(a) for a in aliases or []]) for name, aliases in (data.get("regions") or {}).items()
    )
    types: dict[str, str] = {}
    canonical: dict[str, str] = {}
    labels: dict[str, str] = {}
    for name, type_name, aliases in entries:
        key = canonical_key(name)
        labels[key] = name
        if type_name is not None:
            _check_type(type_name, path)
            types[key] = type_name
        for alias in aliases:
            alias_key = canonical_key(alias)
            if alias_key != key:
                canonical[alias_key] = key
                if type_name is not None:
                    types[alias_key] = type_name
    demonyms = {
        str(adjective).casefold(): canonical_key(str(country))
        for adjective, country in (data.get("demonyms") or {}).items()
    }
    ignore = frozenset(canonical_key(str(name)) for name in data.get("ignore") or [])
    forced = frozenset(types) if user else frozenset()
    return Gazetteer(types, canonical, labels, forced, ignore, demonyms)


def _check_type(type_name: str, path: Path) -> None:
    try:
        term(type_name)
    except VocabularyError as exc:
        raise InputError(f"{path}: unknown class {type_name!r} (use a class of ontologies/kg.ttl)") from exc
