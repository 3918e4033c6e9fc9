"""What changed between two catalogues, as a team reads it when the catalogue is updated:
models and surfaces added or removed, retirements added or withdrawn, days moved earlier
or later, successors that changed. Or, with one catalogue, the retirements announced on or
after a day (``announced_since``).

Pure: two ``Catalogue`` values in, typed records out, in the order people read them (by
kind, then day). A retirement day (``retires``) outranks a floor (``not_before``): an
entry whose floor became a day has a retirement *added*, one whose day became a floor
has it *retracted*; a floor that moved moved *earlier* or *later*, as a day does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from modelsunset.model import Catalogue, Entry


class Kind(StrEnum):
    """What happened to an entry, in the order changes are listed."""

    ADDED = "added"
    REMOVED = "removed"
    RETRACTED = "retracted"
    EARLIER = "earlier"
    LATER = "later"
    SUCCESSOR = "successor"


class Scope(StrEnum):
    """What the change is about."""

    MODEL = "model"  # a model added or removed (one change per surface it is offered on)
    SURFACE = "surface"  # a surface added to or removed from a model that stays
    RETIREMENT = "retirement"  # the day it is gone (``retires``)
    FLOOR = "floor"  # the day it stays at least until (``not_before``)
    SUCCESSOR = "successor"  # the fallback or replacement


_ORDER = {kind: index for index, kind in enumerate(Kind)}
BUNDLED = "the bundled catalogue"  # how the bundled catalogue is named in a report


class Change(NamedTuple):
    """One change to one (model, surface) entry: ``before`` and ``after`` are the entry in
    the old and the new catalogue (None where it is not there, or not known)."""

    kind: Kind
    scope: Scope
    model: str
    surface: str
    provider: str
    before: Entry | None
    after: Entry | None

    @property
    def day(self) -> date | None:
        """The day the change is sorted by: the day withdrawn for a removal or a
        retraction, else the day now in force."""
        side = self.before if self.kind in (Kind.REMOVED, Kind.RETRACTED) else self.after
        return None if side is None else side.end

    @property
    def days_moved(self) -> int | None:
        """Days the end moved (negative: earlier), for a change of day; else None."""
        if self.kind not in (Kind.EARLIER, Kind.LATER):
            return None
        assert self.before is not None and self.after is not None
        assert self.before.end is not None and self.after.end is not None
        return (self.after.end - self.before.end).days


class Report(NamedTuple):
    """The changes, and what was compared: two catalogues' names, or a day."""

    changes: tuple[Change, ...]
    old: str | None = None
    new: str | None = None
    since: date | None = None


def sort_key(change: Change) -> tuple[object, ...]:
    day = change.day
    return (
        _ORDER[change.kind],
        day is None,
        day or date.min,
        change.provider,
        change.model,
        change.surface,
    )


def _date_change(before: Entry, after: Entry) -> tuple[Kind, Scope] | None:
    if before.retires != after.retires:
        if before.retires is None:
            return Kind.ADDED, Scope.RETIREMENT
        if after.retires is None:
            return Kind.RETRACTED, Scope.RETIREMENT
        return (Kind.EARLIER if after.retires < before.retires else Kind.LATER), Scope.RETIREMENT
    if before.retires is None and before.not_before != after.not_before:
        if before.not_before is None:
            return Kind.ADDED, Scope.FLOOR
        if after.not_before is None:
            return Kind.RETRACTED, Scope.FLOOR
        earlier = after.not_before < before.not_before
        return (Kind.EARLIER if earlier else Kind.LATER), Scope.FLOOR
    return None


def entry_changes(before: Entry, after: Entry, provider: str) -> list[Change]:
    """The changes of one entry present in both catalogues. A successor that changed along
    with a retirement added or withdrawn is part of that change, not one of its own."""
    found: list[Change] = []
    dated = _date_change(before, after)
    if dated is not None:
        kind, scope = dated
        found.append(Change(kind, scope, after.model, after.surface, provider, before, after))
    moved_alone = dated is None or dated[0] in (Kind.EARLIER, Kind.LATER)
    successors = (before.fallback, before.replacement) != (after.fallback, after.replacement)
    if successors and moved_alone:
        found.append(
            Change(
                Kind.SUCCESSOR,
                Scope.SUCCESSOR,
                after.model,
                after.surface,
                provider,
                before,
                after,
            )
        )
    return found


def compare(old: Catalogue, new: Catalogue) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted (``sort_key``)."""
    found: list[Change] = []
    for model_id in sorted(set(old.models) | set(new.models)):
        was, now = old.models.get(model_id), new.models.get(model_id)
        if was is None or now is None:
            kind = Kind.ADDED if was is None else Kind.REMOVED
            model = now if now is not None else was
            assert model is not None
            for entry in model.entries.values():
                before, after = (None, entry) if was is None else (entry, None)
                found.append(
                    Change(
                        kind, Scope.MODEL, model_id, entry.surface, model.provider, before, after
                    )
                )
            continue
        for surface in sorted(set(was.entries) | set(now.entries)):
            before, after = was.entries.get(surface), now.entries.get(surface)
            if before is None or after is None:
                kind = Kind.ADDED if before is None else Kind.REMOVED
                found.append(
                    Change(kind, Scope.SURFACE, model_id, surface, now.provider, before, after)
                )
            else:
                found.extend(entry_changes(before, after, now.provider))
    found.sort(key=sort_key)
    return found


def announced_since(catalogue: Catalogue, since: date) -> list[Change]:
    """Retirements and floors announced on or after ``since``, as additions (``before``
    unknown). An entry without ``announced`` counts from ``checked``, the day its source
    was read, when its own day is on or after ``since`` too (a source re-read later says
    nothing new of a retirement long past); one with neither is never listed."""
    found: list[Change] = []
    for model in catalogue.models.values():
        for entry in model.entries.values():
            if entry.end is None:
                continue
            if entry.announced is not None:
                new = entry.announced >= since
            else:
                new = entry.checked is not None and entry.checked >= since <= entry.end
            if new:
                scope = Scope.RETIREMENT if entry.retires is not None else Scope.FLOOR
                found.append(
                    Change(Kind.ADDED, scope, model.id, entry.surface, model.provider, None, entry)
                )
    found.sort(key=sort_key)
    return found


def counts(changes: Iterable[Change]) -> dict[Kind, int]:
    """How many changes of each kind, every kind named (0 where there are none)."""
    found = dict.fromkeys(Kind, 0)
    for change in changes:
        found[change.kind] += 1
    return found
