"""modelsunset as a library: the answers of the commands, as the values their JSON prints.

Every function returns exactly what ``--format json`` of its command writes (contract
section 6, and the extra keys the README lists), as plain ``dict``s and ``list``s that
``json.dumps`` takes as they are::

    from modelsunset import api

    catalogue = api.load()  # the bundled catalogue
    answer = api.resolve(catalogue, "GPT-4o", "2026-02-14", surface="chatgpt")
    answer["resolved"]  # 'gpt-5.2'

Dates are a ``datetime.date`` (a ``datetime`` counts as its day) or a string read as
``--date`` reads one: ``YYYY-MM-DD``, ``today`` (today in UTC) or anything
python-dateutil reads.

Errors are modelsunset's exceptions, never ``SystemExit``:

* ``CatalogueError`` (``modelsunset.errors``): a catalogue file cannot be read or breaks
  a rule of the format; ``.problems`` holds each one with its file and line.
* ``UnknownName``: no model, surface or provider of that name (``.suggestions`` holds
  the closest known names); ``AmbiguousName``: a display name several models share.
* ``NotOffered``: the model is not offered on the surface asked about;
  ``OnOneSurface``: a name that holds on one surface only (a surface alias, a surface's
  prefix) asked about on another.
* ``BadDate``: a string that names no calendar date.
* ``UsageError``: ``check_path`` was given a path that is neither a file nor a folder.

All of them but ``CatalogueError`` and ``UsageError`` derive from ``DomainError``; those
two from ``ModelsunsetError``. A wrong type of argument is a ``TypeError``, a negative
number of days a ``ValueError``.

The library reads no environment variable: ``MODELSUNSET_CATALOGUE``,
``MODELSUNSET_OVERLAY``, ``MODELSUNSET_DATE`` and ``[tool.modelsunset]`` are the
command line's. ``MODELSUNSET_NO_CACHE`` and ``XDG_CACHE_HOME`` still govern the
catalogue cache, as they do everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, overload

from modelsunset.errors import (
    AmbiguousName,
    BadDate,
    CatalogueError,
    DomainError,
    ModelsunsetError,
    NotOffered,
    OnOneSurface,
    UnknownName,
    UsageError,
)
from modelsunset.model import Catalogue

if TYPE_CHECKING:
    from modelsunset.model import Resolution

__all__ = [
    "AmbiguousName",
    "BadDate",
    "Catalogue",
    "CatalogueError",
    "DomainError",
    "ModelsunsetError",
    "NotOffered",
    "OnOneSurface",
    "UnknownName",
    "UsageError",
    "check_model",
    "check_path",
    "load",
    "notices",
    "resolve",
    "status",
]

Day = date | str
"""A date as the functions take one: a ``datetime.date``, or a string ``--date`` reads."""
FilePath = str | os.PathLike[str]
Names = str | Iterable[str]
"""One name, or several: ``"chatgpt"`` and ``["chatgpt", "api"]`` both work."""


def load(
    catalogue: FilePath | None = None, overlays: Sequence[FilePath] = (), *, cache: bool = True
) -> Catalogue:
    """The checked catalogue: ``catalogue`` (default: the bundled one) with ``overlays``
    layered on top, in order, exactly as ``--catalogue`` and ``--overlay`` layer them.

    With ``cache`` (the default) a catalogue already checked is read from the catalogue
    cache, as the commands do. Raises ``CatalogueError``.
    """
    from modelsunset.loading import bundled_path
    from modelsunset.loading import load as load_files

    base = os.fspath(catalogue) if catalogue is not None else str(bundled_path())
    return load_files([base, *(os.fspath(path) for path in overlays)], use_cache=cache)


def status(
    catalogue: Catalogue,
    on: Day,
    surfaces: Names = (),
    providers: Names = (),
    include_all: bool = False,
) -> list[dict[str, Any]]:
    """The rows of ``status --format json``: the entries available on ``on`` (with
    ``include_all``, every entry), sorted by provider, model id and surface. Empty
    ``surfaces`` or ``providers`` mean all of them.

    Raises ``UnknownName`` (a surface or provider), ``BadDate``.
    """
    from modelsunset import resolver
    from modelsunset.render.fields import status_fields

    day = _day(on)
    surface_ids = _keys(catalogue, "surface", surfaces)
    provider_ids = _keys(catalogue, "provider", providers)
    rows = resolver.status(catalogue, day, surface_ids, provider_ids, include_all)
    return [status_fields(row) for row in rows]


@overload
def resolve(
    catalogue: Catalogue, name: str, on: Day, surface: None = None
) -> list[dict[str, Any]]: ...


@overload
def resolve(catalogue: Catalogue, name: str, on: Day, surface: str) -> dict[str, Any]: ...


def resolve(
    catalogue: Catalogue, name: str, on: Day, surface: str | None = None
) -> dict[str, Any] | list[dict[str, Any]]:
    """What serves the model ``name`` (id, alias, normalised or display name) on ``on``,
    as ``resolve --format json`` writes it: with ``surface``, one object; without, a list
    of them, one per surface the model is offered on (only the surface the name holds on,
    for a surface alias or a prefixed name such as ``azure/gpt-4o``).

    No available model is an answer, not an error: ``resolved`` is then None.
    Raises ``UnknownName``, ``AmbiguousName``, ``NotOffered``, ``OnOneSurface``,
    ``BadDate``.
    """
    from modelsunset.render.fields import resolution_fields

    items = _resolutions(catalogue, name, _day(on), surface)
    if surface is not None:
        return resolution_fields(items[0])
    return [resolution_fields(item) for item in items]


def notices(
    catalogue: Catalogue,
    on: Day,
    within: int = 90,
    surfaces: Names = (),
    providers: Names = (),
) -> list[dict[str, Any]]:
    """The notices of ``notices --format json``: one per entry that retires within
    ``within`` days of ``on`` (the day itself included), soonest first.

    Raises ``UnknownName`` (a surface or provider), ``BadDate``; ``ValueError`` for a
    negative ``within``.
    """
    from modelsunset import resolver
    from modelsunset.render.fields import notice_fields

    _days("within", within)
    day = _day(on)
    surface_ids = _keys(catalogue, "surface", surfaces)
    provider_ids = _keys(catalogue, "provider", providers)
    found = resolver.notices(catalogue, day, within, surface_ids, provider_ids)
    return [notice_fields(notice) for notice in found]


def check_path(
    path: FilePath,
    catalogue: Catalogue | None = None,
    on: Day | None = None,
    surfaces: Names = ("api",),
    fail_within: int = 0,
    warn_within: int = 90,
    *,
    exclude: Sequence[str] = (),
    gitignore: bool = True,
    jobs: int = 1,
    note: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The object of ``check PATH --format json``: the catalogue's model ids and aliases
    found in the files under ``path`` (a file or a folder), judged on ``surfaces`` on
    ``on`` (default: today in UTC). ``summary.errors`` is what ``check`` fails on.

    ``catalogue`` defaults to the bundled one, whose own file is then not scanned.
    ``exclude`` takes gitignore patterns; ``gitignore=False`` scans what ``.gitignore``
    names too. ``jobs``: worker processes for big trees (1, the default: none; 0: one per
    core, at most 8). ``note`` hears the warnings ``check`` prints on stderr (a file that
    cannot be read, a line of an ignore file that is no pattern); skipped files are also
    listed in ``summary.skipped``. ``[tool.modelsunset]`` is not read.

    Raises ``UnknownName`` (a surface), ``BadDate``, ``UsageError`` (a path that is
    neither a file nor a folder); ``ValueError`` for a pattern that cannot be used or a
    negative number of days or jobs.
    """
    from modelsunset.check import report, scan
    from modelsunset.check.match import Matcher
    from modelsunset.loading import bundled_path
    from modelsunset.render.check.json import document

    _windows(fail_within, warn_within)
    _days("jobs", jobs)
    for pattern in exclude:
        problem = scan.pattern_problem(pattern) if pattern.strip() else "is empty"
        if problem is not None:
            raise ValueError(f"exclude pattern {pattern!r} {problem}")
    skip: list[str] = []
    if catalogue is None:
        catalogue = load()
        skip.append(str(bundled_path()))
    day = _day(on) if on is not None else _today()
    surface_ids = _keys(catalogue, "surface", surfaces) or _keys(catalogue, "surface", "api")
    occurrences, stats = scan.scan(
        [os.fspath(path)],
        # Every id and alias, surface aliases and the surfaces' prefixes, as check has.
        Matcher.for_catalogue(catalogue),
        list(exclude),
        gitignore,
        note if note is not None else _ignore,
        skip=skip,
        jobs=jobs,
    )
    found = report.build(
        catalogue, day, surface_ids, fail_within, warn_within, occurrences, stats=stats
    )
    return document(found)


def check_model(
    catalogue: Catalogue,
    name: str,
    on: Day,
    surfaces: Names = ("api",),
    fail_within: int = 0,
    warn_within: int = 90,
) -> dict[str, Any]:
    """The object of ``check --model NAME --format json``: the model judged on each of
    ``surfaces`` it is offered on, on ``on``, without scanning any file.

    Raises ``UnknownName`` (the model or a surface), ``AmbiguousName``, ``BadDate``,
    ``NotOffered`` when the model is offered on none of ``surfaces`` (where ``check``
    only warns); ``ValueError`` for a negative number of days.
    """
    from modelsunset.check import report
    from modelsunset.names import NameIndex
    from modelsunset.render.check.json import document

    _windows(fail_within, warn_within)
    day = _day(on)
    surface_ids = _keys(catalogue, "surface", surfaces) or _keys(catalogue, "surface", "api")
    model = NameIndex(catalogue.models, catalogue.surfaces).find(name)
    if not any(surface in model.entries for surface in surface_ids):
        raise NotOffered(model.id, ", ".join(surface_ids), sorted(model.entries))
    found = report.build(
        catalogue, day, surface_ids, fail_within, warn_within, (), [(name, model.id)]
    )
    return document(found)


def _resolutions(
    catalogue: Catalogue, name: str, on: date, surface: str | None
) -> list[Resolution]:
    """The resolutions ``resolve`` answers with: on ``surface``, or on every surface the
    model is offered on (the one surface a surface alias or a prefixed name holds on)."""
    from modelsunset import resolver
    from modelsunset.names import NameIndex, find_key

    found = NameIndex(catalogue.models, catalogue.surfaces).find_found(name)
    asked = find_key("surface", surface, catalogue.surfaces) if surface is not None else None
    return resolver.resolve_name(catalogue, found, name, asked, on)


def _today() -> date:
    from datetime import UTC

    return datetime.now(UTC).date()


def _day(on: Day) -> date:
    from modelsunset.dates import parse_date

    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    if isinstance(on, str):
        return parse_date(on, _today())
    raise TypeError(f"a date is a datetime.date or a string, not {type(on).__name__}")


def _keys(catalogue: Catalogue, kind: str, names: Names) -> list[str]:
    """Surface or provider ids, each once, in the order asked (``UnknownName`` for a
    miss)."""
    from modelsunset.names import find_key

    known = catalogue.surfaces if kind == "surface" else catalogue.providers
    if isinstance(names, str):
        names = (names,)
    ids: list[str] = []
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"a {kind} is a string, not {type(name).__name__}")
        found = find_key(kind, name, known)
        if found not in ids:
            ids.append(found)
    return ids


def _days(what: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is a whole number, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} is {value}; it must be 0 or more")


def _windows(fail_within: int, warn_within: int) -> None:
    _days("fail_within", fail_within)
    _days("warn_within", warn_within)


def _ignore(text: str) -> None:
    """A ``note`` that hears nothing."""
