"""Findings, the ids left unchecked, and the report that holds them (contract sections 6
and 8). How one (model, surface) is judged is ``judge``'s.

Each occurrence of a known name is judged on the surfaces it holds on: the one surface of
a surface's prefix before it (``azure/gpt-4o``) or of a surface alias, whatever the
surfaces checked; else each surface checked. It gives one finding per surface judged
whose entry has a level, and when its model is offered on none of the surfaces judged,
one ``NotChecked`` per surface judged: nothing known is passed in silence. An unknown id
gets the catalogue ids closest to it (``suggest``).

Pure: no files, no clock, no terminal.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter, countOf
from types import MappingProxyType
from typing import NamedTuple

from modelsunset.check.judge import (
    Elsewhere,
    Judge,
    Judgement,
    Level,
    chain_text,
    elsewhere_phrase,
    final_answer,
    level_of,
    manual_later,
    message,
    moves_by_itself,
    notes,
)
from modelsunset.check.kinds import DEFAULT, KINDS, Kind
from modelsunset.check.scan import Occurrence, Stats, collector_paused
from modelsunset.model import Catalogue

__all__ = [
    "Elsewhere",
    "Finding",
    "Judge",
    "Judgement",
    "LeftOut",
    "Level",
    "NotChecked",
    "Query",
    "Report",
    "Unknown",
    "build",
    "chain_text",
    "elsewhere_phrase",
    "final_answer",
    "level_of",
    "manual_later",
    "message",
    "moves_by_itself",
    "notes",
]


_LEVEL = attrgetter("judgement.level")
_new = tuple.__new__  # a NamedTuple made from all its fields in C, for each occurrence


class Finding(NamedTuple):
    """A name found (or a ``--model`` one) judged on a surface whose entry has a level.
    Findings, unknown ids and names not checked are tuples: quick to make, and small."""

    path: str | None
    line: int | None
    column: int | None
    match: str
    text: str | None
    judgement: Judgement
    kind: Kind | None = None  # of the file; None for a ``--model`` finding

    @property
    def level(self) -> Level:
        return self.judgement.level

    @property
    def model(self) -> str:
        return self.judgement.model.id

    @property
    def surface(self) -> str:
        return self.judgement.entry.surface


class Unknown(NamedTuple):
    path: str
    line: int
    column: int
    match: str
    text: str
    suggestions: tuple[str, ...]
    kind: Kind = Kind.CODE


class NotChecked(NamedTuple):
    """A known id or alias whose model is not offered on the surface it is judged on:
    ``offered_on`` lists the surfaces it is offered on. No place for a ``--model`` one."""

    path: str | None
    line: int | None
    column: int | None
    match: str
    model: str
    surface: str
    offered_on: tuple[str, ...]
    text: str | None
    kind: Kind | None = None


class Query(NamedTuple):
    """A ``--model`` name, the model it finds and the one surface it holds on, if any
    (``azure/gpt-4o``, a surface alias)."""

    name: str
    model: str
    surface: str | None = None


class LeftOut:
    """What was found in files of the kinds not asked for: counted, not reported."""

    __slots__ = ("findings", "not_checked", "unknown")

    def __init__(self, findings: int = 0, unknown: int = 0, not_checked: int = 0) -> None:
        self.findings = findings
        self.unknown = unknown
        self.not_checked = not_checked


class Report(NamedTuple):
    """What a scan found, judged (a named tuple: see ``Judgement``)."""

    on: date
    surfaces: tuple[str, ...]
    fail_within: int
    warn_within: int
    catalogue: Catalogue
    findings: list[Finding]
    unknown: list[Unknown]
    stats: Stats | None
    not_checked: list[NotChecked]
    kinds: tuple[Kind, ...] = DEFAULT
    left_out: Mapping[Kind, LeftOut] = MappingProxyType({})
    skip_unreadable: bool = False  # the files and folders of stats.skipped may be skipped

    @property
    def errors(self) -> int:
        return countOf(map(_LEVEL, self.findings), Level.ERROR)  # counted in C

    @property
    def warnings(self) -> int:
        return countOf(map(_LEVEL, self.findings), Level.WARNING)

    def order(self, surface: str) -> int:
        """Where a surface sorts: the surfaces checked in their order, then the others."""
        try:
            return self.surfaces.index(surface)
        except ValueError:
            return len(self.surfaces)


class _Builder:
    """Judges names on the surfaces they hold on, collecting findings and the rest.

    What a (model, surface) pair comes to (its judgements, or the surfaces it is not
    checked on) is worked out once; findings of names at the same place (a file, line
    and column) are put in the order of their surfaces, as ``build`` sorts them."""

    def __init__(
        self,
        catalogue: Catalogue,
        judge: Judge,
        surfaces: tuple[str, ...],
        only_on: Mapping[str, Mapping[str, frozenset[str]]],
    ) -> None:
        self.catalogue = catalogue
        self.judge = judge
        self.surfaces = surfaces
        self.findings: list[Finding] = []
        self.not_checked: list[NotChecked] = []
        self.plans: dict[tuple[str, str | None, frozenset[str] | None], _Plan] = {}
        # Surface aliases: name -> {model: the surfaces it is an alias on}.
        self.only_on = only_on

    def holds(self, match: str, model_id: str, surface: str | None) -> frozenset[str] | None:
        """The surfaces a name found on none (``surface`` None) holds on, when it is a name
        of some surfaces only: a surface alias the matcher gave no surface, as the name part
        of a repository's ``owner/name`` (``match``). None for every other name."""
        if surface is not None:
            return None
        holds = self.only_on.get(match, {}).get(model_id)
        if holds is None or match == model_id or match in self.catalogue.models[model_id].aliases:
            return None
        return holds

    def plan(
        self, model_id: str, surface: str | None, holds: frozenset[str] | None = None
    ) -> _Plan:
        """What a name of ``model_id`` found on ``surface`` (None: on the surfaces checked)
        comes to; ``holds``: the only surfaces the name holds on (see ``holds``), where it is
        judged if they are checked; else it is not checked, offered on those."""
        key = (model_id, surface, holds)
        found = self.plans.get(key)
        if found is None:
            judged = (surface,) if surface is not None else self.surfaces
            offered = self.catalogue.models[model_id].entries
            if holds is not None:
                offered = {one: entry for one, entry in offered.items() if one in holds}
            if not any(one in offered for one in judged):
                found = ((), tuple(sorted(offered)), judged)
            else:
                judgements = [
                    self.judge(model_id, one) for one in judged if holds is None or one in offered
                ]
                found = (tuple(j for j in judgements if j is not None), (), ())
            self.plans[key] = found
        return found

    def add(
        self,
        where: tuple[str | None, int | None, int | None],
        match: str,
        model_id: str,
        surface: str | None,
        text: str | None,
        kind: Kind | None = None,
    ) -> None:
        path, line, column = where
        judged, on, unchecked = self.plan(model_id, surface, self.holds(match, model_id, surface))
        for judgement in judged:
            self.findings.append(Finding(path, line, column, match, text, judgement, kind))
        for one in unchecked:
            self.not_checked.append(
                NotChecked(path, line, column, match, model_id, one, on, text, kind)
            )


# What a (model, surface) comes to: the judgements that have a level; or, when the model
# is offered on none of the surfaces judged, the surfaces it is offered on and those judged.
_Plan = tuple[tuple[Judgement, ...], tuple[str, ...], tuple[str, ...]]


def _surface_names(catalogue: Catalogue) -> dict[str, dict[str, frozenset[str]]]:
    """Each surface alias, with each model it names and the surfaces it is an alias on (one
    pass over the models' entries: their aliases are few, whatever the number of others)."""
    found: dict[str, dict[str, set[str]]] = {}
    for model in catalogue.models.values():
        for surface, entry in model.entries.items():
            for alias in entry.aliases:
                found.setdefault(alias, {}).setdefault(model.id, set()).add(surface)
    return {
        alias: {model: frozenset(surfaces) for model, surfaces in models.items()}
        for alias, models in found.items()
    }


def build(
    catalogue: Catalogue,
    on: date,
    surfaces: Sequence[str],
    fail_within: int,
    warn_within: int,
    occurrences: Iterable[Occurrence],
    queries: Sequence[tuple[str, str] | Query] = (),
    stats: Stats | None = None,
    kinds: Collection[Kind] = DEFAULT,
    freeze: bool = False,
) -> Report:
    """Findings for every occurrence (and every ``--model`` query) on the surfaces it is
    judged on; unknown ids with suggestions; the names not offered where judged. What is
    found in files of other ``kinds`` is judged and counted in ``left_out``.

    Findings and the names not checked come in the order of their places (``--model``
    ones first), then of their surfaces (those checked in their order, then the others);
    unknown ids in the order of their places. ``freeze``: see ``scan.collector_paused``."""
    with collector_paused(freeze):
        checked = tuple(surfaces)
        judge = Judge(catalogue, on, fail_within, warn_within)
        only_on = _surface_names(catalogue)  # the same for every builder: found once
        builder = _Builder(catalogue, judge, checked, only_on)
        aside = {
            kind: _Builder(catalogue, judge, checked, only_on)
            for kind in KINDS
            if kind not in kinds
        }
        left_out = {kind: LeftOut() for kind in aside}
        suggest: Suggestions | None = None
        suggested: dict[str, tuple[str, ...]] = {}
        unknown: list[Unknown] = []
        order = {surface: number for number, surface in enumerate(checked)}

        def rank(item: Finding | NotChecked) -> int:
            return order.get(item.surface, len(order))

        for query in queries:
            surface = query.surface if isinstance(query, Query) else None
            builder.add((None, None, None), query[0], query[1], surface, None)
        builder.findings.sort(key=rank)
        builder.not_checked.sort(key=rank)
        # In the order of their places (stable: the order given among those at one place).
        ordered = sorted(occurrences, key=attrgetter("path", "line", "column"))
        findings, not_checked = builder.findings, builder.not_checked
        plans, plan = builder.plans, builder.plan
        last: tuple[str, int, int] | None = None
        tied = (0, 0)  # where the findings and names not checked at the last place begin
        for found in ordered:
            path, line, column, match, model, text, surface, kind = found
            if kind in aside:
                if model is None:
                    left_out[kind].unknown += 1
                else:
                    aside[kind].add((path, line, column), match, model, surface, None)
                continue
            if model is None:
                suggestions = suggested.get(match)
                if suggestions is None:
                    if suggest is None:
                        from modelsunset.check.suggest import Suggestions
                        from modelsunset.names import NameIndex

                        index = NameIndex(catalogue.models)
                        suggest = Suggestions(catalogue.models, index.model_of_normalised)
                    suggestions = suggested[match] = suggest(match)
                unknown.append(_new(Unknown, (path, line, column, match, text, suggestions, kind)))
                continue
            where = (path, line, column)
            if where == last:
                # Another name at this place (only where occurrences were given twice):
                # what is found there goes by surface.
                builder.add(where, match, model, surface, text, kind)
                start, gone = tied
                findings[start:] = sorted(findings[start:], key=rank)
                not_checked[gone:] = sorted(not_checked[gone:], key=rank)
                continue
            last = where
            tied = (len(findings), len(not_checked))
            # (Looked for only among the few surface aliases: most names are none.)
            holds = builder.holds(match, model, surface) if match in only_on else None
            judged, on_surfaces, unchecked = plans.get((model, surface, holds)) or plan(
                model, surface, holds
            )
            for judgement in judged:
                findings.append(_new(Finding, (path, line, column, match, text, judgement, kind)))
            for one in unchecked:
                not_checked.append(
                    _new(
                        NotChecked, (path, line, column, match, model, one, on_surfaces, text, kind)
                    )
                )
        for kind, held in aside.items():
            left_out[kind].findings = len(held.findings)
            left_out[kind].not_checked = len(held.not_checked)
        return Report(
            on=on,
            surfaces=checked,
            fail_within=fail_within,
            warn_within=warn_within,
            catalogue=catalogue,
            findings=builder.findings,
            unknown=unknown,
            stats=stats,
            not_checked=builder.not_checked,
            kinds=tuple(kind for kind in KINDS if kind in kinds),
            left_out=left_out,
        )
