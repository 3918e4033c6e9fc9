"""The timeline of ``modelsunset timeline``: when each (model, surface) entry is available
and when it retires, over a range of days, as typed records the formats draw.

Pure: the range, the day asked and the rows are arguments; nothing here reads a clock, a
file or a terminal. A row is cut into segments where its state changes (``since``,
``announced``, ``retires``), with the states of ``resolver.state_on``; from a floor
(``not_before``) on, a row is ``may_retire``: the provider promised nothing beyond it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from itertools import groupby, pairwise
from typing import NamedTuple

from modelsunset.model import Entry, Model, State, StatusRow


class Phase(StrEnum):
    """What a stretch of a row's days is, as drawn."""

    ACTIVE = "active"
    RETIRING = "retiring"
    MAY_RETIRE = "may_retire"  # on or after a floor (``not_before``): no date is set
    RETIRED = "retired"

    @property
    def available(self) -> bool:
        return self in (Phase.ACTIVE, Phase.RETIRING)


_PHASE = {State.ACTIVE: Phase.ACTIVE, State.RETIRING: Phase.RETIRING, State.RETIRED: Phase.RETIRED}


class Segment(NamedTuple):
    """Days ``start`` (included) to ``end`` (excluded), all in one phase."""

    start: date
    end: date
    phase: Phase


class Row(NamedTuple):
    """One (model, surface) entry, cut into segments within the range (an upcoming
    stretch, before ``since``, is no segment)."""

    model: Model
    entry: Entry
    segments: tuple[Segment, ...]


class Group(NamedTuple):
    provider: str  # the provider's id
    name: str  # its display name
    rows: tuple[Row, ...]


class Timeline(NamedTuple):
    """Rows grouped by provider, over days ``start`` to ``end`` (both drawn); ``on`` is
    the day asked, marked where it falls in the range."""

    start: date
    end: date
    on: date
    groups: tuple[Group, ...]

    @property
    def days(self) -> int:
        """How many days the range covers, its last day included."""
        return (self.end - self.start).days + 1

    def offset(self, day: date) -> int:
        """Days from the start to ``day``; a segment's end (the day after its last) is
        ``date.max`` where the range runs to the calendar's last day, and counts as the
        day after it."""
        if day == date.max and self.end == date.max:
            return self.days
        return (day - self.start).days

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def segments(entry: Entry, start: date, end: date) -> tuple[Segment, ...]:
    """The entry's stretches within days ``start`` to ``end`` (both included)."""
    from modelsunset.resolver import state_on

    stop = end + timedelta(days=1) if end < date.max else end
    marks = {start, stop}
    for day in (entry.since, entry.announced, entry.retires, entry.not_before):
        if day is not None and start < day < stop:
            marks.add(day)
    edges = sorted(marks)
    found: list[Segment] = []
    for first, after in pairwise(edges):
        state = state_on(entry, first)
        if state is State.UPCOMING:
            continue
        phase = _PHASE[state]
        if entry.retires is None and entry.not_before is not None and first >= entry.not_before:
            phase = Phase.MAY_RETIRE
        if found and found[-1].phase is phase and found[-1].end == first:
            found[-1] = found[-1]._replace(end=after)
        else:
            found.append(Segment(first, after, phase))
    return tuple(found)


def months(start: date, end: date) -> list[date]:
    """The first day of every month from ``start`` to ``end`` (both included)."""
    ticks: list[date] = []
    day: date | None = date(start.year, start.month, 1)
    if day is not None and day < start:
        day = _next_month(day)
    while day is not None and day <= end:
        ticks.append(day)
        day = _next_month(day)
    return ticks


def _next_month(day: date) -> date | None:
    if day.year == date.max.year and day.month == 12:
        return None
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _key(row: Row) -> tuple[object, ...]:
    """Soonest end (retirement or floor) first, none last; then model and surface."""
    day = row.entry.end
    return (day is None, day or date.min, row.model.id, row.entry.surface)


def build(
    rows: Sequence[StatusRow],
    start: date,
    end: date,
    on: date,
    provider_names: dict[str, str] | None = None,
) -> Timeline:
    """The timeline of ``rows`` (any order) from ``start`` to ``end``: every entry that is
    available, or may retire, on some day of the range; grouped by provider (by id), each
    group soonest retirement first."""
    kept: list[Row] = []
    for row in rows:
        cut = segments(row.entry, start, end)
        if any(piece.phase is not Phase.RETIRED for piece in cut):
            kept.append(Row(row.model, row.entry, cut))
    kept.sort(key=lambda r: (r.model.provider, *_key(r)))
    names = provider_names or {}
    groups = tuple(
        Group(provider, names.get(provider, provider), tuple(members))
        for provider, members in groupby(kept, key=lambda r: r.model.provider)
    )
    return Timeline(start, end, on, groups)
