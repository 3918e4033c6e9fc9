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


class Order(StrEnum):
    """How ``status`` and ``notices`` may be asked to sort their rows (``--sort``)."""

    date = "date"  # the retirement day (or floor), soonest first; none last
    model = "model"  # model id, then surface
    surface = "surface"  # surface, then provider and model id


class Provider(NamedTuple):
    id: str
    name: str
    url: str | None = None


class Surface(NamedTuple):
    id: str
    name: str
    provider: str | None = None
    description: str | None = None
    # How code marks a model as running here: ``azure/``, ``bedrock/``, ``us.`` (format 2).
    prefixes: tuple[str, ...] = ()


class Entry(NamedTuple):
    """A model as offered on one surface, with its dates.

    Format 2 adds ``versions`` (the models that serve this name here), ``not_before`` (a
    floor: offered at least until the day before it, no date set), ``aliases`` (names that
    find the model on this surface only) and ``derived_from`` (the version whose dates and
    successor the entry took, when it set none itself: see ``derive.py``).
    """

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
    versions: tuple[str, ...] = ()
    not_before: date | None = None
    aliases: tuple[str, ...] = ()
    derived_from: str | None = None

    @property
    def successor(self) -> str | None:
        return self.fallback if self.fallback is not None else self.replacement

    @property
    def end(self) -> date | None:
        """The first day it is gone, else its floor, else None."""
        return self.retires if self.retires is not None else self.not_before

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
    verified: date | None = None  # the day every source was last re-read (format 2)


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
    # Every step a fallback: True; a replacement among them: False; no step: None.
    automatic: bool | None
    next: str | None = None  # the successor the first entry names, even while available
    not_before: date | None = None
    derived_from: str | None = None


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
