"""What the catalogue says about one (model, surface) on a date D: the level of a finding
(contract sections 3 to 8), the sentences that explain it, and what it adds.

Its level depends on ``days_left`` alone (``retires`` - D):

* ``error``: the model is retired on D (``days_left <= 0``), or retires within
  ``fail_within`` days;
* ``warning``: it retires within ``warn_within`` days (a floor, ``not_before``, is at most
  a warning);
* no finding otherwise (no retirement date, or one further away than both windows).

Whether the retirement was announced by D plays no part: a date in the catalogue is a
date to plan for. A finding whose model is still available on the surface says where
else the provider has retired it, or is retiring it (``elsewhere``); one whose answer
(the model that serves once it is gone) itself retires within ``warn_within`` days says
when (``answer_retires``).

Pure: no files, no clock, no terminal.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from modelsunset import resolver
from modelsunset.model import Catalogue, Entry, Model, Resolution, State
from modelsunset.wording import days_phrase, retirement_sentence


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


class Elsewhere(NamedTuple):
    """Another surface of the model's provider where it is retired or retiring on D."""

    surface: str
    state: State
    retires: date | None
    not_before: date | None


class Judgement(NamedTuple):
    """What the catalogue says about one (model, surface) on D (a named tuple, as the
    records of ``model`` are: made faster, and without importing ``dataclasses``)."""

    model: Model
    entry: Entry
    state: State
    days_left: int | None
    level: Level
    resolution: Resolution
    then: Resolution | None  # the answer on the day the model is gone (None if retired)
    message: str
    elsewhere: tuple[Elsewhere, ...] = ()
    answer: str | None = None  # the model that answers, when it retires within warn_within
    answer_retires: date | None = None


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
        elsewhere = self._elsewhere(model, surface) if state.available else ()
        answer, answer_retires = self._answer(model_id, surface, resolution, then)
        return Judgement(
            model,
            entry,
            state,
            days,
            level,
            resolution,
            then,
            text,
            elsewhere=elsewhere,
            answer=answer,
            answer_retires=answer_retires,
        )

    def _elsewhere(self, model: Model, surface: str) -> tuple[Elsewhere, ...]:
        """The model's other surfaces (of its provider, or of none) where it is retired or
        retiring on D."""
        found: list[Elsewhere] = []
        for other, entry in sorted(model.entries.items()):
            bound = self.catalogue.surfaces.get(other)
            if other == surface or (
                bound is not None and bound.provider not in (None, model.provider)
            ):
                continue
            state = resolver.state_on(entry, self.on)
            if state in (State.RETIRED, State.RETIRING):
                found.append(Elsewhere(other, state, entry.retires, entry.not_before))
        return tuple(found)

    def _answer(
        self, model_id: str, surface: str, resolution: Resolution, then: Resolution | None
    ) -> tuple[str | None, date | None]:
        """The model that answers (``resolved`` on D, or, while the model is available,
        the one that takes over once it is gone) and its retirement day, when that falls
        within ``warn_within`` days of D."""
        answer = resolution.resolved
        if answer == model_id:
            answer = then.resolved if then is not None else None
        if answer is None or answer == model_id:
            return None, None
        entry = self.catalogue.models[answer].entries.get(surface)
        if entry is None or entry.retires is None:
            return None, None
        if (entry.retires - self.on).days > self.warn_within:
            return None, None
        return answer, entry.retires


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


def elsewhere_phrase(item: Elsewhere) -> str:
    """``retired on chatgpt (2026-02-13)``, ``retiring on azure (not before 2027-01-01)``."""
    if item.retires is not None:
        when = item.retires.isoformat()
    elif item.not_before is not None:
        when = f"not before {item.not_before.isoformat()}"
    else:
        when = "no date"
    return f"{item.state.value} on {item.surface} ({when})"


def notes(judgement: Judgement, on: date) -> list[str]:
    """What a finding adds, in sentences: the other surfaces where its model is retired or
    retiring, and the answer's own retirement."""
    found: list[str] = []
    model = judgement.model.id
    if judgement.elsewhere:
        places = " and ".join(elsewhere_phrase(item) for item in judgement.elsewhere)
        found.append(f"{model} is still available on {judgement.entry.surface}, but {places}.")
    if judgement.answer is not None and judgement.answer_retires is not None:
        days = (judgement.answer_retires - on).days
        found.append(
            f"{judgement.answer}, which answers for {model}, itself retires from "
            f"{judgement.entry.surface} on {judgement.answer_retires.isoformat()} "
            f"({days_phrase(days)})."
        )
    return found
