"""The rules for successors, once every entry is read: a ``fallback`` or ``replacement``
names a model of the catalogue, not the model itself, offered on the same surface on the
day the model retires; and successors make no cycle on a surface.

Entries come in as ``model.Entry`` records whose successors hold the names as written (an
id, an alias, a normalised name); they leave holding model ids, or None where the name
broke a rule (reported).
"""

from __future__ import annotations

from collections.abc import Mapping

from modelsunset.catalogue.located import Obj
from modelsunset.catalogue.places import Report
from modelsunset.catalogue.rules import Names
from modelsunset.catalogue.schema import FALLBACK, REPLACEMENT, RETIRES, SINCE, Field
from modelsunset.model import Entry
from modelsunset.names import did_you_mean, normalise, suggest
from modelsunset.wording import quoted

# model id -> surface id -> the entry read
Entries = dict[str, dict[str, Entry]]


def check_successors(
    report: Report, models: Mapping[str, Obj], entries: Entries, names: Names
) -> None:
    """Point every fallback and replacement at a model id, or clear it (reported); then
    break cycles."""
    Successors(report, models, entries, names).check()


class Successors:
    def __init__(
        self, report: Report, models: Mapping[str, Obj], entries: Entries, names: Names
    ) -> None:
        self.report = report
        self.models = models  # as written, for the places of values
        self.entries = entries
        self.names = names

    def check(self) -> None:
        for mid, offered in self.entries.items():
            for sid, entry in offered.items():
                fallback, replacement = entry.fallback, entry.replacement
                if fallback is not None:
                    fallback = self.successor(mid, sid, FALLBACK, fallback)
                if replacement is not None:
                    replacement = self.successor(mid, sid, REPLACEMENT, replacement)
                if fallback != entry.fallback or replacement != entry.replacement:
                    offered[sid] = entry._replace(fallback=fallback, replacement=replacement)
        self.check_cycles()

    def successor(self, mid: str, sid: str, field: Field[str], name: str) -> str | None:
        """The model id a successor names, if it may take over on that surface that day."""
        target = self.named_model(mid, sid, field, name)
        if target is not None:
            self.in_time(mid, sid, field, target)
        return target

    def named_model(self, mid: str, sid: str, field: Field[str], name: str) -> str | None:
        """The model a successor names: another model, offered on the same surface."""
        key, names, entries = field.key, self.names, self.entries
        loc = field.at(self.models[mid].entries[sid])
        where = f"{mid} on {sid}"
        target = names.exact.get(name) or names.normalised.get(normalise(name))
        if target is None:
            self.report.problem(
                loc,
                f"{where}: {key} {quoted(name)} is not a model in the catalogue",
                did_you_mean(suggest(name, names.exact)) or "add the model, or fix the id",
            )
            return None
        if target == mid:
            self.report.problem(
                loc,
                f"{where}: {key} is the model itself",
                "name the model that takes over, or remove the key",
            )
            return None
        if entries.get(target, {}).get(sid) is None:
            offered = ", ".join(sorted(entries.get(target, {}))) or "no surface"
            self.report.problem(
                loc,
                f"{where}: {key} {target} is not offered on {sid}",
                f"{target} is offered on: {offered}",
            )
            return None
        return target

    def in_time(self, mid: str, sid: str, field: Field[str], target: str) -> None:
        """A successor is offered on the surface on the day the model retires."""
        day = self.entries[mid][sid].retires
        if day is None:
            return
        successor = self.entries[target][sid]
        since, gone = successor.since, successor.retires
        ours, theirs = self.models[mid].entries[sid], self.models[target].entries[sid]
        key, loc = field.key, field.at(ours)
        where = f"{mid} on {sid}"
        if since is not None and since > day:
            at, of = self.report.placed(loc, RETIRES.at(ours), SINCE.at(theirs))
            self.report.problem(
                at,
                f"{where}: {key} {target}{of[0]} is not yet offered on {sid} on {day}{of[1]}, "
                f"the day {mid} retires; it starts {since}{of[2]}",
                f"point {mid} at a model offered on {sid} by then",
            )
        elif gone is not None and gone <= day:
            at, of = self.report.placed(loc, RETIRES.at(ours), RETIRES.at(theirs))
            self.report.problem(
                at,
                f"{where}: {key} {target}{of[0]} is no longer offered on {sid} on {day}{of[1]}, "
                f"the day {mid} retires; it retires {gone}{of[2]}",
                f"point {mid} at the model that replaced {target}",
            )

    def check_cycles(self) -> None:
        """No chain of successors on a surface comes back to where it started: each cycle
        is reported once, at its first model, and its successors are cleared."""
        entries = self.entries
        for sid in sorted({sid for offered in entries.values() for sid in offered}):
            done: set[str] = set()
            for start in entries:
                if start in done or sid not in entries[start]:
                    continue
                path: list[str] = []
                on_path: dict[str, int] = {}
                current: str | None = start
                while current is not None and current not in done and current not in on_path:
                    on_path[current] = len(path)
                    path.append(current)
                    entry = entries.get(current, {}).get(sid)
                    current = None if entry is None else (entry.fallback or entry.replacement)
                if current is not None and current in on_path:
                    self.cycle(sid, path[on_path[current] :])
                done.update(path)

    def cycle(self, sid: str, cycle: list[str]) -> None:
        first = self.models[cycle[0]].entries[sid]
        loc = FALLBACK.of(first) or REPLACEMENT.of(first)
        self.report.problem(
            loc or first,
            f"a cycle of successors on {sid}: {' -> '.join([*cycle, cycle[0]])}",
            "a chain of successors must end at a model that stays",
        )
        for member in cycle:
            offered = self.entries[member]
            offered[sid] = offered[sid]._replace(fallback=None, replacement=None)
