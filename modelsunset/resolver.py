"""The pure core: states on a date, resolution of successors, status rows, notices.

Every function takes the date it reasons about; nothing here reads a clock, a file
or a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING

from modelsunset.errors import NotOffered, OnOneSurface
from modelsunset.i18n import Lang, messages
from modelsunset.model import (
    Catalogue,
    Entry,
    Model,
    Notice,
    Order,
    Resolution,
    State,
    StatusRow,
)

if TYPE_CHECKING:
    from modelsunset.names import Found
from modelsunset.wording import retirement_sentence


def state_on(entry: Entry, on: date) -> State:
    """The entry's state on a date (contract sections 3 and 7).

    A floor (``not_before``) is not a retirement: the entry is retiring from ``announced``
    (or always, without it) and never becomes retired on its own."""
    if entry.since is not None and on < entry.since:
        return State.UPCOMING
    if entry.retires is not None:
        if on >= entry.retires:
            return State.RETIRED
        if entry.announced is None or on >= entry.announced:
            return State.RETIRING
    elif entry.not_before is not None and (entry.announced is None or on >= entry.announced):
        return State.RETIRING
    return State.ACTIVE


def days_left(entry: Entry, on: date) -> int | None:
    """Days from ``on`` to the first day the entry is gone (negative once retired), or to
    its floor; None when it has neither."""
    end = entry.end
    if end is None:
        return None
    return (end - on).days


def is_available(entry: Entry, on: date) -> bool:
    return state_on(entry, on).available


def resolve(
    catalogue: Catalogue, model_id: str, surface: str, on: date, query: str | None = None
) -> Resolution:
    """Follow successors from a model on one surface until one is available on ``on``.

    Always terminates: a model already visited ends the chain (a checked catalogue has no
    cycles, but the resolver does not rely on it), as does a successor that is unknown or
    not offered on the surface. A model not offered on the surface at all raises
    ``NotOffered``.
    """
    start = catalogue.models[model_id]
    first = start.entries.get(surface)
    if first is None:
        raise NotOffered(start.id, surface, sorted(start.entries))
    chain = [start.id]
    seen = {start.id}
    automatic: bool | None = None  # no step yet
    entry = first
    resolved: str | None = None
    while True:
        if is_available(entry, on):
            resolved = entry.model
            break
        successor = entry.successor
        if successor is None or successor in seen:
            break
        next_model = catalogue.models.get(successor)
        next_entry = next_model.entries.get(surface) if next_model is not None else None
        if next_entry is None:
            break
        automatic = (automatic is not False) and entry.automatic
        chain.append(successor)
        seen.add(successor)
        entry = next_entry
    return Resolution(
        query=query if query is not None else model_id,
        model=start.id,
        surface=surface,
        on=on,
        state=state_on(first, on),
        retires=first.retires,
        days_left=days_left(first, on),
        resolved=resolved,
        chain=tuple(chain),
        automatic=automatic,
        next=first.successor,
        not_before=first.not_before,
        derived_from=first.derived_from,
    )


def resolve_name(
    catalogue: Catalogue, found: Found, query: str, surface: str | None, on: date
) -> list[Resolution]:
    """What serves the model a name found (``found``, asked as ``query``): on ``surface``
    (a catalogue id), or on every surface it is offered on; a surface alias or a name after
    a surface's prefix holds on that one surface (asked about another: ``OnOneSurface``)."""
    model = found.model
    if surface is not None:
        if found.surface is not None and found.surface != surface:
            raise OnOneSurface(query, model.id, found.surface, surface)
        surface_ids = [surface]
    elif found.surface is not None:
        surface_ids = [found.surface]
    else:
        surface_ids = sorted(model.entries)
    return [resolve(catalogue, model.id, sid, on, query=query) for sid in surface_ids]


def row(model: Model, entry: Entry, on: date) -> StatusRow:
    return StatusRow(
        model=model, entry=entry, state=state_on(entry, on), days_left=days_left(entry, on)
    )


def status(
    catalogue: Catalogue,
    on: date,
    surfaces: Collection[str] = (),
    providers: Collection[str] = (),
    include_all: bool = False,
) -> list[StatusRow]:
    """Entries on a date, sorted by provider, model id and surface.

    Only available entries unless ``include_all``; empty filters mean "all".
    """
    rows: list[StatusRow] = []
    for model in catalogue.models.values():
        if providers and model.provider not in providers:
            continue
        for surface, entry in model.entries.items():
            if surfaces and surface not in surfaces:
                continue
            current = row(model, entry, on)
            if include_all or current.state.available:
                rows.append(current)
    rows.sort(key=lambda r: (r.model.provider, r.model.id, r.entry.surface))
    return rows


def notices(
    catalogue: Catalogue,
    on: date,
    within: int = 90,
    surfaces: Collection[str] = (),
    providers: Collection[str] = (),
    lang: Lang = Lang.en,
) -> list[Notice]:
    """One notice per entry with ``0 <= days_left <= within``, soonest first, its message
    in ``lang``."""
    found: list[Notice] = []
    for current in status(catalogue, on, surfaces, providers, include_all=True):
        left = current.days_left
        if left is not None and 0 <= left <= within:
            found.append(Notice(row=current, message=notice_message(catalogue, current, on, lang)))
    by_date = sort_key(Order.date)
    found.sort(key=lambda n: by_date(n.row))
    return found


def sort_key(order: Order) -> Callable[[StatusRow], tuple[object, ...]]:
    """The key that sorts rows in ``order`` (ties broken by provider, model and surface).

    By date: the retirement day, or the floor of an entry that has one, soonest first;
    entries with neither last."""
    if order is Order.model:
        return lambda r: (r.model.id, r.entry.surface)
    if order is Order.surface:
        return lambda r: (r.entry.surface, r.model.provider, r.model.id)

    def by_date(r: StatusRow) -> tuple[object, ...]:
        day = r.entry.end
        return (day is None, day or date.min, r.model.provider, r.model.id, r.entry.surface)

    return by_date


def notice_message(catalogue: Catalogue, current: StatusRow, on: date, lang: Lang = Lang.en) -> str:
    """A few sentences a person could send to the people who use the model, in ``lang``
    (the catalogue's note as it is written)."""
    text = retirement_sentence(catalogue, current.entry, on, lang)
    if current.entry.note:
        # One message, one line: a note written over several lines is joined up.
        text += messages(lang).gap + " ".join(current.entry.note.split())
    return text
