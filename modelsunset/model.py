"""The values modelsunset reasons about: immutable records and enums, no behaviour beyond
small derived properties. Nothing here reads files, clocks or terminals.

Records are ``NamedTuple``s rather than frozen dataclasses: they are created at import
without generating code (a frozen dataclass costs about half a millisecond of start-up
each) and construct several times faster, which matters for catalogues of tens of
thousands of entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import NamedTuple


class State(StrEnum):
    """The state of a (model, surface) entry on a date (contract section 3)."""

    UPCOMING = "upcoming"
    ACTIVE = "active"
    RETIRING = "retiring"
    RETIRED = "retired"

    @property
    def available(self) -> bool:
        return self in (State.ACTIVE, State.RETIRING)


class Provider(NamedTuple):
    id: str
    name: str
    url: str | None = None


class Surface(NamedTuple):
    id: str
    name: str
    provider: str | None = None
    description: str | None = None


class Entry(NamedTuple):
    """A model as offered on one surface, with its dates."""

    model: str
    surface: str
    since: date | None = None
    announced: date | None = None
    retires: date | None = None
    fallback: str | None = None
    replacement: str | None = None
    source: str | None = None
    checked: date | None = None
    note: str | None = None

    @property
    def successor(self) -> str | None:
        return self.fallback if self.fallback is not None else self.replacement

    @property
    def automatic(self) -> bool:
        """True when the successor takes over by itself (a fallback)."""
        return self.fallback is not None


class Model(NamedTuple):
    id: str
    name: str
    provider: str
    aliases: tuple[str, ...]
    entries: Mapping[str, Entry]


class Catalogue(NamedTuple):
    """A checked catalogue: every successor names a model id (never an alias)."""

    version: int
    updated: date | None
    providers: Mapping[str, Provider]
    surfaces: Mapping[str, Surface]
    models: Mapping[str, Model]


class Resolution(NamedTuple):
    """The answer to "what serves MODEL on SURFACE on DATE?" (contract section 4)."""

    query: str
    model: str
    surface: str
    on: date
    state: State
    retires: date | None
    days_left: int | None
    resolved: str | None
    chain: tuple[str, ...]
    automatic: bool


class StatusRow(NamedTuple):
    """One (model, surface) entry seen on a date."""

    model: Model
    entry: Entry
    state: State
    days_left: int | None


class Notice(NamedTuple):
    """A migration notice for one entry that retires soon (or today)."""

    row: StatusRow
    message: str
