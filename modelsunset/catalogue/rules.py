"""The rules that take the layered files as a whole, one function each (contract section 2):
names that find two models, unknown providers and surfaces, a surface bound to another
provider, dates out of order, both successors set, a successor without a retirement.

Successors themselves (what they name, and cycles) are checked in ``successors.py``, once
every entry has been read. Each rule reports through ``Report``, which names the places of
values that come from different files.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from modelsunset.catalogue.located import REPORTED, Located, Obj, place
from modelsunset.catalogue.places import Report
from modelsunset.catalogue.schema import (
    ALIASES,
    ANNOUNCED,
    ENTRIES,
    ENTRY_ALIASES,
    FALLBACK,
    NAME,
    NOT_BEFORE,
    PREFIXES,
    PROVIDER,
    REPLACEMENT,
    RETIRES,
    SINCE,
    VERSIONS,
)
from modelsunset.names import did_you_mean, normalise, suggest
from modelsunset.wording import quoted


class Names(NamedTuple):
    """Look-ups for successors: exact id or alias -> model id; normalised name -> model id."""

    exact: dict[str, str]
    normalised: dict[str, str]


def required_name(report: Report, obj: Obj, what: str) -> str:
    """The name of a provider or surface, which must have one; "" when it has none."""
    loc = NAME.of(obj)
    if loc is None:
        if not obj.broken:
            report.problem(obj, f"{what} has no name", "add `name: ...`")
        return ""
    if loc.value is None:
        report.problem(loc, f"{what} has no name", "a null name is no name; give one")
        return ""
    return loc.value if loc.value is not REPORTED else ""


def provider_declared(
    report: Report, value: str, loc: Located[str], providers: Mapping[str, Obj], what: str
) -> bool:
    """Whether ``value``, the provider id ``loc`` holds, is declared."""
    if value in providers:
        return True
    report.problem(
        loc,
        f"{what}: unknown provider {quoted(value)}",
        did_you_mean(suggest(value, providers)) or "declare it under `providers:`",
    )
    return False


def model_provider(report: Report, mid: str, obj: Obj, providers: Mapping[str, Obj]) -> str:
    """The provider of a model, which must be declared; "" when it has none."""
    loc = PROVIDER.of(obj)
    if loc is None:
        if not obj.broken:
            report.problem(obj, f"model {mid} has no provider", "add `provider: <id>`")
    elif loc.value is None:
        report.problem(loc, f"model {mid} has no provider", "give the provider's id")
    elif loc.value is not REPORTED and provider_declared(
        report, loc.value, loc, providers, f"model {mid}"
    ):
        return loc.value
    return ""


def offered_somewhere(report: Report, mid: str, obj: Obj) -> None:
    """A model is offered on at least one surface (unless its surfaces were written wrong)."""
    surfaces = obj.fields.get(ENTRIES.key)
    written_wrong = obj.broken or (surfaces is not None and surfaces.value is REPORTED)
    if not obj.entries and not written_wrong:
        report.problem(
            obj,
            f"model {mid} is offered on no surface",
            "add `surfaces:` with at least one surface id",
        )


def surface_declared(
    report: Report, mid: str, sid: str, entry: Obj, surfaces: Mapping[str, Obj]
) -> bool:
    """Whether the surface a model is offered on is declared."""
    if sid in surfaces:
        return True
    report.problem(
        entry,
        f"model {mid}: unknown surface {quoted(sid)}",
        did_you_mean(suggest(sid, surfaces)) or "declare it under `surfaces:`",
    )
    return False


def surface_of_provider(
    report: Report,
    mid: str,
    model: Obj,
    provider: str,
    sid: str,
    entry: Obj,
    surface: Obj,
    bound_to: str,
) -> None:
    """A surface bound to a (declared) provider offers only that provider's models."""
    if not provider or bound_to == provider:
        return
    at, of = report.placed(place(entry), PROVIDER.at(model), PROVIDER.at(surface))
    report.problem(
        at,
        (
            f"model {mid}{of[0]} is from {provider}{of[1]}, but surface "
            f"{sid} is bound to provider {bound_to}{of[2]}"
        ),
        "offer the model on a surface of its own provider",
    )


def dates_in_order(report: Report, where: str, entry: Obj, retires: date | None) -> None:
    """``announced`` is not after ``retires`` (or the floor, ``not_before``), and ``since``
    is before it."""
    field = RETIRES
    if retires is None:
        retires, field = NOT_BEFORE.good(entry), NOT_BEFORE
        if retires is None:
            return
    retires_at = field.at(entry)
    word = field.key
    announced = ANNOUNCED.good(entry)
    if announced is not None and announced > retires:
        at, of = report.placed(ANNOUNCED.at(entry), retires_at)
        report.problem(
            at,
            f"{where}: announced {announced}{of[0]} is after {word} {retires}{of[1]}",
            "`announced` is the day the retirement was made known, before it",
        )
    since = SINCE.good(entry)
    if since is not None and since >= retires:
        at, of = report.placed(SINCE.at(entry), retires_at)
        report.problem(
            at,
            f"{where}: since {since}{of[0]} is not before {word} {retires}{of[1]}",
            "`retires` is the first day the model is gone",
        )


def one_successor(report: Report, where: str, entry: Obj) -> None:
    """``fallback`` and ``replacement`` are not both set."""
    fallback, replacement = FALLBACK.of(entry), REPLACEMENT.of(entry)
    if fallback is None or replacement is None:
        return
    if isinstance(fallback.value, str) and isinstance(replacement.value, str):
        at, of = report.placed(fallback, replacement, later_line=True)
        report.problem(
            at,
            f"{where}: both fallback{of[0]} and replacement{of[1]} are set",
            "use `fallback` when the move is automatic, `replacement` when calls fail",
        )


def successor_retires(report: Report, where: str, entry: Obj) -> None:
    """A successor is set only with ``retires`` (or, format 2, with a floor, or on a name
    whose versions give it a retirement)."""
    retires_at = RETIRES.of(entry)
    if retires_at is not None and retires_at.value is not None:
        return
    if NOT_BEFORE.good(entry) is not None or VERSIONS.good(entry):
        return
    for field in (FALLBACK, REPLACEMENT):
        loc = field.of(entry)
        if loc is None or not isinstance(loc.value, str):
            continue
        key = field.key
        if retires_at is None:
            report.problem(
                loc,
                f"{where}: {key} is set but `retires` is not",
                "a successor takes over on the day a model retires; add `retires:`",
            )
        else:  # written as null: most likely a retirement being cancelled
            at, of = report.placed(loc, retires_at)
            report.problem(
                at,
                f"{where}: {key}{of[0]} is set but `retires` is cleared{of[1]}",
                f"to cancel a retirement, clear its successor too: `{key}: null`",
            )


def unique_names(report: Report, models: Mapping[str, Obj]) -> Names:
    """Every id and alias, normalised, must find one model."""
    # normalised name -> (model id, the name as written, where it is written)
    owner: dict[str, tuple[str, str, Located[object]]] = {}
    exact: dict[str, str] = {}
    for mid, obj in models.items():
        exact[mid] = mid
        key = normalise(mid)
        here = place(obj)
        held = owner.get(key)
        if held is not None:
            at, of = report.placed(here, held[2])
            report.problem(
                at,
                (
                    f"model id {quoted(mid)}{of[0]} would also find {held[0]}{of[1]} (they read "
                    "the same, ignoring case, spaces and underscores)"
                ),
                "use one id, and an alias for the other spelling",
            )
            continue
        owner[key] = (mid, mid, here)
    for mid, obj in models.items():
        aliases = ALIASES.good(obj)
        if aliases is None:
            continue
        file = ALIASES.at(obj).file
        for alias, line in aliases:
            key = normalise(alias)
            here = Located(None, file, line)
            held = owner.get(key)
            if held is not None and held[0] != mid:
                other, as_written, there = held
                same = "is" if as_written == alias else f"reads the same as {quoted(as_written)}"
                at, of = report.placed(here, there)
                report.problem(
                    at,
                    (
                        f"alias {quoted(alias)} of {mid}{of[0]} would also find {other}{of[1]} "
                        f"(it {same}, ignoring case, spaces and underscores)"
                    ),
                    "remove the alias or rename one of the models",
                )
                continue
            owner[key] = (mid, alias, here)
            exact.setdefault(alias, mid)
    on_surface = entry_aliases(report, models, owner, exact)
    normalised = {key: held[0] for key, held in owner.items() if " on " not in held[0]}
    for alias, (mid, _) in on_surface.items():
        normalised.setdefault(normalise(alias), mid)
    return Names(exact, normalised)


def floor_or_date(report: Report, where: str, entry: Obj) -> None:
    """``retires`` and ``not_before`` are not both set (format 2)."""
    retires, floor = RETIRES.of(entry), NOT_BEFORE.of(entry)
    if retires is None or floor is None or retires.value is None or floor.value is None:
        return
    at, of = report.placed(retires, floor, later_line=True)
    report.problem(
        at,
        f"{where}: both retires{of[0]} and not_before{of[1]} are set",
        "`retires` is a date the provider set; `not_before` only a floor: keep one",
    )


def unique_prefixes(report: Report, surfaces: Mapping[str, Obj]) -> None:
    """No two surfaces declare the same prefix (read without regard to case)."""
    owner: dict[str, tuple[str, str, Located[object]]] = {}
    for sid, obj in surfaces.items():
        prefixes = PREFIXES.good(obj)
        if prefixes is None:
            continue
        file = PREFIXES.at(obj).file
        for prefix, line in prefixes:
            here: Located[object] = Located(None, file, line)
            held = owner.get(prefix.lower())
            if held is not None and held[0] != sid:
                at, of = report.placed(here, held[2])
                report.problem(
                    at,
                    f"prefix {quoted(prefix)} of surface {sid}{of[0]} is also a prefix of surface "
                    f"{held[0]}{of[1]}",
                    "a prefix says which surface a model runs on: give it to one surface",
                )
                continue
            owner.setdefault(prefix.lower(), (sid, prefix, here))


def entry_aliases(
    report: Report,
    models: Mapping[str, Obj],
    owner: dict[str, tuple[str, str, Located[object]]],
    exact: dict[str, str],
) -> dict[str, tuple[str, str]]:
    """Surface aliases (format 2) find one model on one surface, and clash with no id or
    alias anywhere (read the same way as names: section 3). ``owner`` holds every id and
    alias already taken, normalised. Returns alias -> (model id, surface id)."""
    found: dict[str, tuple[str, str]] = {}
    for mid, obj in models.items():
        for sid, entry in obj.entries.items():
            aliases = ENTRY_ALIASES.good(entry)
            if aliases is None:
                continue
            file = ENTRY_ALIASES.at(entry).file
            for alias, line in aliases:
                key = normalise(alias)
                here: Located[object] = Located(None, file, line)
                held = owner.get(key)
                if held is not None and held[0] != f"{mid} on {sid}":
                    other, as_written, there = held
                    same = (
                        "is" if as_written == alias else f"reads the same as {quoted(as_written)}"
                    )
                    at, of = report.placed(here, there)
                    report.problem(
                        at,
                        (
                            f"alias {quoted(alias)} of {mid} on {sid}{of[0]} would also find "
                            f"{other}{of[1]} (it {same}, ignoring case, spaces and underscores)"
                        ),
                        "an alias finds one model on one surface: remove one of them",
                    )
                    continue
                owner[key] = (f"{mid} on {sid}", alias, here)
                found[alias] = (mid, sid)
                exact.setdefault(alias, mid)
    return found
