"""The rules for ``versions`` (format 2), once every entry is read, and what a name takes
from its versions (``derive.py``).

A version names a model of the catalogue, not the name itself, offered on the same
surface, and is listed once; versions make no loop. Entries come in holding versions as
written and leave holding model ids (a version that broke a rule is left out, reported),
with the values their versions give them.
"""

from __future__ import annotations

from collections.abc import Mapping

from modelsunset.catalogue.located import Located, Obj
from modelsunset.catalogue.places import Report
from modelsunset.catalogue.rules import Names
from modelsunset.catalogue.schema import VERSIONS
from modelsunset.catalogue.successors import Entries, Successors
from modelsunset.derive import derive_all
from modelsunset.names import did_you_mean, normalise, suggest
from modelsunset.wording import quoted


def check_and_derive(
    report: Report, models: Mapping[str, Obj], entries: Entries, names: Names
) -> None:
    """Check every entry's versions, then fill in what they give (in place)."""
    if not any(entry.versions for offered in entries.values() for entry in offered.values()):
        return  # no name served by versions (every version-1 catalogue): nothing to do
    for mid, offered in entries.items():
        for sid, entry in offered.items():
            if entry.versions:
                ids = _version_ids(report, models, entries, names, mid, sid)
                offered[sid] = entry._replace(versions=ids)
    _break_loops(report, models, entries)
    flat = {(mid, sid): entry for mid, offered in entries.items() for sid, entry in offered.items()}
    written = {(mid, sid): models[mid].entries[sid].fields.keys() for mid, sid in flat}
    for (mid, sid), entry in derive_all(flat, written).items():
        entries[mid][sid] = entry
    # A successor taken from a version could close a cycle the written ones did not.
    Successors(report, models, entries, names).check_cycles()


def _version_ids(
    report: Report,
    models: Mapping[str, Obj],
    entries: Entries,
    names: Names,
    mid: str,
    sid: str,
) -> tuple[str, ...]:
    obj = models[mid].entries[sid]
    written = VERSIONS.good(obj) or ()
    file = VERSIONS.at(obj).file
    where = f"{mid} on {sid}"
    ids: list[str] = []
    for name, line in written:
        here: Located[object] = Located(None, file, line)
        target = names.exact.get(name) or names.normalised.get(normalise(name))
        if target is None:
            report.problem(
                here,
                f"{where}: version {quoted(name)} is not a model in the catalogue",
                did_you_mean(suggest(name, names.exact)) or "add the model, or fix the id",
            )
        elif target == mid:
            report.problem(
                here,
                f"{where}: lists itself as a version",
                "versions are the other models (dated snapshots) that serve this name",
            )
        elif sid not in entries.get(target, {}):
            offered = ", ".join(sorted(entries.get(target, {}))) or "no surface"
            report.problem(
                here,
                f"{where}: version {target} is not offered on {sid}",
                f"a version serves the name on the same surface; {target} is offered on: {offered}",
            )
        elif target in ids:
            report.problem(here, f"{where}: version {target} is listed twice", "list it once")
        else:
            ids.append(target)
    return tuple(ids)


def _break_loops(report: Report, models: Mapping[str, Obj], entries: Entries) -> None:
    """Versions that lead back to where they started: each loop is reported once, at its
    first name, and the versions of its members are cleared."""
    for sid in sorted({sid for offered in entries.values() for sid in offered}):
        done: set[str] = set()
        for start in entries:
            if start in done or sid not in entries[start] or not entries[start][sid].versions:
                continue
            _walk(report, models, entries, sid, start, [], {}, done)


def _walk(
    report: Report,
    models: Mapping[str, Obj],
    entries: Entries,
    sid: str,
    current: str,
    path: list[str],
    on_path: dict[str, int],
    done: set[str],
) -> None:
    """Depth first, without recursion (a chain of versions may be long)."""
    stack: list[tuple[str, int]] = [(current, 0)]
    while stack:
        name, index = stack.pop()
        if index == 0:
            if name in done:
                continue
            if name in on_path:
                loop = path[on_path[name] :]
                first = models[loop[0]].entries[sid]
                report.problem(
                    VERSIONS.of(first) or first,
                    f"versions on {sid} make a loop: {' -> '.join([*loop, loop[0]])}",
                    "a name is served by dated versions, which list no versions back",
                )
                for member in loop:
                    entries[member][sid] = entries[member][sid]._replace(versions=())
                continue
            on_path[name] = len(path)
            path.append(name)
        versions = entries[name][sid].versions
        if index < len(versions):
            stack.append((name, index + 1))
            stack.append((versions[index], 0))
        else:
            path.pop()
            del on_path[name]
            done.add(name)
