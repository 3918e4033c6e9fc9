"""The target of a rewrite on one surface, or why there is none: the model at the end of
the chain, and whether it is a drop-in (see ``plan``). Pure: no files, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from modelsunset import resolver
from modelsunset.fix.kinds import kind_of

if TYPE_CHECKING:
    from modelsunset.check.waivers import Waiver
    from modelsunset.model import Catalogue, Model
    from modelsunset.names import NameIndex


@dataclass(frozen=True, slots=True)
class Settings:
    on: date
    surfaces: Sequence[str]
    fail_within: int = 0
    warn_within: int = 90
    only_automatic: bool = False
    waivers: Sequence[tuple[Waiver, str]] = ()  # with the model id each names


@dataclass(frozen=True, slots=True)
class Verdict:
    """One (model, surface): whether it needs a change, and the target or why not."""

    flagged: bool
    target: str | None = None
    reason: str | None = None


class Targets:
    """Verdicts for (model, surface) pairs, each worked out once."""

    def __init__(self, catalogue: Catalogue, settings: Settings) -> None:
        self.catalogue = catalogue
        self.settings = settings
        self._verdicts: dict[tuple[str, str], Verdict] = {}

    def available(self, model_id: str, surface: str) -> bool:
        entry = self.catalogue.models[model_id].entries.get(surface)
        return entry is not None and resolver.is_available(entry, self.settings.on)

    def verdict(self, model_id: str, surface: str) -> Verdict:
        key = (model_id, surface)
        if key not in self._verdicts:
            self._verdicts[key] = self._judge(model_id, surface)
        return self._verdicts[key]

    def _judge(self, model_id: str, surface: str) -> Verdict:
        settings = self.settings
        on = settings.on
        model = self.catalogue.models[model_id]
        entry = model.entries[surface]
        days = resolver.days_left(entry, on)
        if days is None or days > max(0, settings.fail_within, settings.warn_within):
            return Verdict(False)
        if entry.retires is None:
            assert entry.not_before is not None
            return Verdict(
                True,
                reason=f"{model_id}: may retire on {surface} from "
                f"{entry.not_before.isoformat()} (no day set yet), review",
            )
        retired = days <= 0
        final = resolver.resolve(
            self.catalogue, model_id, surface, on if retired else entry.retires
        )
        target = final.resolved
        if target is None:
            if len(final.chain) == 1:
                verb = "retired" if retired else f"retires {entry.retires.isoformat()}"
                return Verdict(True, reason=f"{model_id}: {verb} on {surface}, no successor named")
            chain = " → ".join(final.chain)
            return Verdict(True, reason=f"{model_id}: no answer on {surface} ({chain})")
        target, automatic = self._onward(model_id, target, surface, final.automatic is True)
        move = f"{model_id} -> {target}"
        if target == model_id:  # cannot be, for a model that is gone by then
            return Verdict(True, reason=f"{model_id}: no successor on {surface}, review")
        if settings.only_automatic and not automatic:
            return Verdict(True, reason=f"{move}: not automatic, review")
        answer = self.catalogue.models[target]
        if answer.provider != model.provider:
            return Verdict(
                True, reason=f"{move}: another provider ({model.provider} -> {answer.provider})"
            )
        before, after = kind_of(model_id), kind_of(target)
        if before != after:
            return Verdict(True, reason=f"{move}: no drop-in ({before} -> {after})")
        target_entry = answer.entries[surface]
        if not resolver.is_available(target_entry, on):
            state = resolver.state_on(target_entry, on).value
            return Verdict(
                True,
                reason=f"{move}: {target} is not available on {surface} on {on.isoformat()} "
                f"({state})",
            )
        left = resolver.days_left(target_entry, on)
        if target_entry.retires is not None and left is not None and left <= settings.fail_within:
            day = target_entry.retires.isoformat()
            return Verdict(True, reason=f"{move}: {target} itself retires {day}, review")
        return Verdict(True, target=target)

    def _onward(
        self, model_id: str, target: str, surface: str, automatic: bool
    ) -> tuple[str, bool]:
        """The target, or, while it is itself retiring within the windows, what answers
        once it is gone, as long as that is available now: a rewrite that ``check`` would
        flag again is half a rewrite. Also whether every step was a fallback."""
        settings = self.settings
        window = max(0, settings.fail_within, settings.warn_within)
        seen = {model_id}
        while target not in seen:
            seen.add(target)
            entry = self.catalogue.models[target].entries.get(surface)
            left = resolver.days_left(entry, settings.on) if entry is not None else None
            if entry is None or entry.retires is None or left is None or left > window:
                break
            later = resolver.resolve(self.catalogue, target, surface, entry.retires)
            if later.resolved is None or not self.available(later.resolved, surface):
                break
            target, automatic = later.resolved, automatic and later.automatic is True
        return target, automatic


def spelled(
    catalogue: Catalogue,
    index: NameIndex,
    match: str,
    model: Model,
    target: str,
    surface: str | None,
) -> str:
    """How to write ``target`` where ``match`` stood for ``model``: an alias in the same
    spelling when the target has one (``gpt-35-turbo-0301`` gives ``gpt-35-turbo-0125``),
    the target's alias on a surface for a surface alias, else the target's id."""
    answer = catalogue.models[target]
    held = index.on_surface.get(match)
    if held is not None and surface is not None:
        aliases = answer.entries[surface].aliases if surface in answer.entries else ()
        return aliases[0] if aliases else target
    if match == model.id or match not in model.aliases:
        return target
    # ``gpt-3.5-turbo-0301`` written ``gpt-35-turbo-0301``: the same change to the target.
    head = 0
    while head < min(len(match), len(model.id)) and match[head] == model.id[head]:
        head += 1
    tail = 0
    while tail < min(len(match), len(model.id)) - head and match[-1 - tail] == model.id[-1 - tail]:
        tail += 1
    was = model.id[head : len(model.id) - tail]
    now = match[head : len(match) - tail]
    if was and was in target:
        spelled = target.replace(was, now, 1)
        if spelled in answer.aliases:
            return spelled
    return target
