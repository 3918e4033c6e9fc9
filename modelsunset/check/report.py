"""Findings and their levels (contract sections 3 to 6), and the sentences that explain them.

A finding is one (occurrence, surface) pair for each requested surface the model is
offered on. Its level on date D depends on ``days_left`` alone (``retires`` - D):

* ``error``: the model is retired on D (``days_left <= 0``), or retires within
  ``fail_within`` days;
* ``warning``: it retires within ``warn_within`` days;
* no finding otherwise (no retirement date, or one further away than both windows).

Whether the retirement was announced by D plays no part: a date in the catalogue is a
date to plan for.

Pure: no files, no clock, no terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from modelsunset import resolver
from modelsunset.check.scan import Occurrence, Stats
from modelsunset.model import Catalogue, Entry, Model, Resolution, State
from modelsunset.names import Suggester
from modelsunset.wording import retirement_sentence


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


def level_of(days_left: int | None, fail_within: int, warn_within: int) -> Level | None:
    if days_left is None:
        return None
    if days_left <= 0 or days_left <= fail_within:
        return Level.ERROR
    if days_left <= warn_within:
        return Level.WARNING
    return None


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the catalogue says about one (model, surface) on D."""

    model: Model
    entry: Entry
    state: State
    days_left: int | None
    level: Level
    resolution: Resolution
    then: Resolution | None  # the answer on the day the model is gone (None if retired)
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    path: str | None
    line: int | None
    column: int | None
    match: str
    text: str | None
    judgement: Judgement

    @property
    def level(self) -> Level:
        return self.judgement.level

    @property
    def model(self) -> str:
        return self.judgement.model.id

    @property
    def surface(self) -> str:
        return self.judgement.entry.surface


@dataclass(frozen=True, slots=True)
class Unknown:
    path: str
    line: int
    column: int
    match: str
    text: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    on: date
    surfaces: tuple[str, ...]
    fail_within: int
    warn_within: int
    catalogue: Catalogue
    findings: list[Finding]
    unknown: list[Unknown]
    stats: Stats | None

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.level is Level.WARNING)


class Judge:
    """Levels and messages for (model, surface) pairs, each worked out once."""

    def __init__(self, catalogue: Catalogue, on: date, fail_within: int, warn_within: int) -> None:
        self.catalogue = catalogue
        self.on = on
        self.fail_within = fail_within
        self.warn_within = warn_within
        self._cache: dict[tuple[str, str], Judgement | None] = {}

    def __call__(self, model_id: str, surface: str) -> Judgement | None:
        key = (model_id, surface)
        if key not in self._cache:
            self._cache[key] = self._judge(model_id, surface)
        return self._cache[key]

    def _judge(self, model_id: str, surface: str) -> Judgement | None:
        model = self.catalogue.models[model_id]
        entry = model.entries.get(surface)
        if entry is None:
            return None
        state = resolver.state_on(entry, self.on)
        days = resolver.days_left(entry, self.on)
        level = level_of(days, self.fail_within, self.warn_within)
        if level is None:
            return None
        if entry.retires is None:
            # A floor (not_before) is no retirement: worth a warning, never a failure.
            level = Level.WARNING
        resolution = resolver.resolve(self.catalogue, model_id, surface, self.on)
        then = None
        if state is not State.RETIRED and entry.retires is not None:
            then = resolver.resolve(self.catalogue, model_id, surface, entry.retires)
        text = message(self.catalogue, entry, self.on, then or resolution)
        return Judgement(model, entry, state, days, level, resolution, then, text)


def chain_text(resolution: Resolution) -> str:
    return " → ".join(resolution.chain)


def final_answer(judgement: Judgement) -> Resolution:
    """What serves the model once it is gone: on D if it is retired, else on its last day."""
    return judgement.then if judgement.then is not None else judgement.resolution


def moves_by_itself(judgement: Judgement) -> bool:
    """Whether use of the model ends up, with no change on the caller's side, on a model
    that answers once it is gone: every step of that chain is a fallback."""
    final = final_answer(judgement)
    return final.resolved is not None and len(final.chain) > 1 and final.automatic is True


def manual_later(entry: Entry, final: Resolution) -> bool:
    """The model's own move is automatic (a fallback), but a later step of the chain is a
    replacement: worth saying, as the first step alone reads as "nothing to do"."""
    return entry.automatic and not final.automatic


def message(catalogue: Catalogue, entry: Entry, on: date, final: Resolution) -> str:
    """The sentence notices use (what happens, when, what to use instead), and where the
    successor is itself gone by then, the model the chain leads on to."""
    text = retirement_sentence(catalogue, entry, on)
    successor = entry.successor
    if successor is not None:
        if final.resolved is None:
            text += f" No model along {chain_text(final)} is available then."
        elif final.resolved != successor:
            text += f" That leads on to {final.resolved} ({chain_text(final)})"
            if manual_later(entry, final):
                text += ", not automatically: a later step is a replacement, where calls fail"
            text += "."
    return text


def build(
    catalogue: Catalogue,
    on: date,
    surfaces: Sequence[str],
    fail_within: int,
    warn_within: int,
    occurrences: Iterable[Occurrence],
    queries: Sequence[tuple[str, str]] = (),
    stats: Stats | None = None,
) -> Report:
    """Findings for every occurrence (and every ``--model`` query) on every surface."""
    judge = Judge(catalogue, on, fail_within, warn_within)
    suggest: Suggester | None = None
    findings: list[Finding] = []
    unknown: list[Unknown] = []
    for query, model_id in queries:
        for surface in surfaces:
            judgement = judge(model_id, surface)
            if judgement is not None:
                findings.append(Finding(None, None, None, query, None, judgement))
    for found in occurrences:
        if found.model is None:
            if suggest is None:
                suggest = Suggester(catalogue.models)
            unknown.append(
                Unknown(
                    found.path,
                    found.line,
                    found.column,
                    found.match,
                    found.text,
                    tuple(suggest(found.match)),
                )
            )
            continue
        for surface in surfaces:
            judgement = judge(found.model, surface)
            if judgement is not None:
                findings.append(
                    Finding(
                        found.path, found.line, found.column, found.match, found.text, judgement
                    )
                )
    order = {surface: number for number, surface in enumerate(surfaces)}
    findings.sort(
        key=lambda f: (
            f.path is not None,
            f.path or "",
            f.line or 0,
            f.column or 0,
            order.get(f.surface, 0),
        )
    )
    unknown.sort(key=lambda u: (u.path, u.line, u.column))
    return Report(
        on=on,
        surfaces=tuple(surfaces),
        fail_within=fail_within,
        warn_within=warn_within,
        catalogue=catalogue,
        findings=findings,
        unknown=unknown,
        stats=stats,
    )
