"""The values modelsunset reasons about: frozen dataclasses and enums, no behaviour
beyond small derived properties. Nothing here reads files, clocks or terminals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class State(StrEnum):
    """The state of a (model, surface) entry on a date (contract section 3)."""

    UPCOMING = "upcoming"
    ACTIVE = "active"
    RETIRING = "retiring"
    RETIRED = "retired"

    @property
    def available(self) -> bool:
        return self in (State.ACTIVE, State.RETIRING)


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Surface:
    id: str
    name: str
    provider: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
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


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    name: str
    provider: str
    aliases: tuple[str, ...]
    entries: Mapping[str, Entry]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A checked catalogue: every successor names a model id (never an alias)."""

    version: int
    updated: date | None
    providers: Mapping[str, Provider]
    surfaces: Mapping[str, Surface]
    models: Mapping[str, Model]
    files: tuple[str, ...] = ()

    def entry_count(self) -> int:
        return sum(len(model.entries) for model in self.models.values())


@dataclass(frozen=True, slots=True)
class Resolution:
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


@dataclass(frozen=True, slots=True)
class StatusRow:
    """One (model, surface) entry seen on a date."""

    model: Model
    entry: Entry
    state: State
    days_left: int | None


@dataclass(frozen=True, slots=True)
class Notice:
    """A migration notice for one entry that retires soon (or today)."""

    row: StatusRow
    message: str
