"""The candidate fact a relation finder proposes, before the sentence's checks accept it."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Mention
from kg.rules import Trigger


@dataclass(frozen=True)
class Candidate:
    """A fact a finder proposes: ``subject`` and ``object`` as read, ``trigger`` saying what it states."""

    subject: Mention
    object: Mention
    trigger: Trigger
